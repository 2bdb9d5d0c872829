"""Applies Ferry's test-only Django migrations (the ferry_test_tables app) with Django's migrate
command, as a test database's setup does (docs/targets/django.md).

    venv/bin/python migrate_django.py <database url> <folder holding ferry_test_tables> [up|down|redo]

up: migrate ferry_test_tables to its last migration; down: to zero; redo: up, down, up.
"""
import sys

from django_settings import configure

url, root = sys.argv[1], sys.argv[2]
steps = {"up": ["up"], "down": ["down"], "redo": ["up", "down", "up"]}[sys.argv[3] if len(sys.argv) > 3 else "up"]
sys.path.insert(0, root)
configure(url, ["ferry_test_tables"])

from django.core.management import call_command  # noqa: E402

for step in steps:
    call_command("migrate", "ferry_test_tables", *([] if step == "up" else ["zero"]), verbosity=0)
print("after " + ", ".join(steps))
