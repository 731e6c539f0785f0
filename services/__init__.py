"""Business logic: models, queries, rules, permissions. Never imports streamlit."""
