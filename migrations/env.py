"""Alembic environment: runs on the connection handed over by services.db.init_db."""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import services.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # command-line use: `alembic -x url=... upgrade head`
        from services.db import database_url

        url = context.get_x_argument(as_dictionary=True).get("url") or database_url()
        engine = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
