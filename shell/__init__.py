"""App-level glue shared by app.py and the pages: engine, sign-in, the current account.

It is the "app.py" layer of DESIGN.md split into importable modules; it may use streamlit
and services, and holds no business rules.
"""
