"""UI building blocks. They get plain data (and callbacks), never a database session."""
