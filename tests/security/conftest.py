"""Security tests share the page tests' demo database copies and AppTest factory."""

from tests.pages.conftest import accounts, app, demo_db, demo_template  # noqa: F401  (fixtures)
