"""Serve the app: ``streamlit run app.py`` without Streamlit's ``pages/`` auto-discovery.

app.py routes with ``st.navigation``, but on the first run after the server starts Streamlit
1.67 still builds its automatic navigation from the ``pages/`` folder (the folder DESIGN.md
names): a first visit to ``/b2b-central`` got a "Page not found" dialog, and one to
``/b2b_central`` ran that page file without app.py's sign-in (it stops at once: it finds no
account context). Marking the app as not using the pages directory before the server starts
sends every run through app.py. Usage: ``python -m scripts.serve [streamlit run options]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
