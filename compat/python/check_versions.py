"""Prints the versions of the ORMs the checks use; exits 1 when one is missing or of another major version."""
import sys

try:
    import alembic
    import django
    import psycopg
    import sqlalchemy
except ImportError as missing:
    sys.exit(f"missing: {missing.name}")

wanted = {"SQLAlchemy": (sqlalchemy.__version__, "2."), "alembic": (alembic.__version__, "1."),
          "psycopg": (psycopg.__version__, "3."), "Django": (django.__version__, "5.2")}
wrong = [f"{name} {version} (want {major}x)" for name, (version, major) in wanted.items() if not version.startswith(major)]
if wrong:
    sys.exit("wrong versions: " + ", ".join(wrong))
print(", ".join(f"{name} {version}" for name, (version, _) in wanted.items()))
