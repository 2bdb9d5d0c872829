"""Applies Ferry's test-only Alembic revisions with Alembic's own command API, as a test suite's
fixture would (docs/targets/sqlalchemy.md).

    venv/bin/python migrate_alembic.py <database url> <script_location> [up|down|redo]

up: upgrade to head; down: downgrade to base; redo: up, down, up.
"""
import sys

from alembic import command
from alembic.config import Config

url, location = sys.argv[1], sys.argv[2]
steps = {"up": ["up"], "down": ["down"], "redo": ["up", "down", "up"]}[sys.argv[3] if len(sys.argv) > 3 else "up"]
config = Config()
config.set_main_option("script_location", location)
config.set_main_option("sqlalchemy.url", url.replace("postgres://", "postgresql+psycopg://", 1).replace("%", "%%"))
for step in steps:
    if step == "up":
        command.upgrade(config, "head")
    else:
        command.downgrade(config, "base")
print("after " + ", ".join(steps))
