"""marketplace reference data (was loaded by init_db)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 14:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# code, name, currency, time zone, locale, public domain: a copy as of this revision (migrations
# never import the app's code; a later change to the list gets its own revision)
MARKETPLACES = [
    ("US", "United States", "USD", "America/Los_Angeles", "en_US", "com"),
    ("CA", "Canada", "CAD", "America/Toronto", "en_CA", "ca"),
    ("MX", "Mexico", "MXN", "America/Mexico_City", "es_MX", "com.mx"),
    ("UK", "United Kingdom", "GBP", "Europe/London", "en_GB", "co.uk"),
    ("DE", "Germany", "EUR", "Europe/Berlin", "de_DE", "de"),
    ("FR", "France", "EUR", "Europe/Paris", "fr_FR", "fr"),
    ("IT", "Italy", "EUR", "Europe/Rome", "it_IT", "it"),
    ("ES", "Spain", "EUR", "Europe/Madrid", "es_ES", "es"),
    ("JP", "Japan", "JPY", "Asia/Tokyo", "ja_JP", "co.jp"),
    ("IN", "India", "INR", "Asia/Kolkata", "en_IN", "in"),
    ("AU", "Australia", "AUD", "Australia/Sydney", "en_AU", "com.au"),
    ("BR", "Brazil", "BRL", "America/Sao_Paulo", "pt_BR", "com.br"),
    ("AE", "United Arab Emirates", "AED", "Asia/Dubai", "en_AE", "ae"),
]


def upgrade() -> None:
    conn = op.get_bind()
    have = {row[0] for row in conn.execute(sa.text("SELECT code FROM marketplace"))}
    for code, name, currency, tz, locale, domain in MARKETPLACES:
        if code not in have:
            conn.execute(sa.text("INSERT INTO marketplace (code, name, currency, timezone, locale, domain) "
                                 "VALUES (:c, :n, :cur, :tz, :loc, :dom)"),
                         {"c": code, "n": name, "cur": currency, "tz": tz, "loc": locale, "dom": domain})


def downgrade() -> None:
    pass  # reference rows stay: accounts point at them
