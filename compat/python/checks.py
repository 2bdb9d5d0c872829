"""What check_sqlalchemy.py and check_django.py share: the spec they are given, and "ok"/"FAIL" lines
counted into the exit code."""
import json
import sys


def load_spec():
    """The spec.json named by the first argument; its "root" (the folder holding the generated code) is put on the path."""
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    sys.path.insert(0, spec["root"])
    return spec


failures = 0


def check(label, expected, actual):
    global failures
    if expected == actual:
        print(f"ok {label}")
    else:
        failures += 1
        print(f"FAIL {label}: expected {expected!r}, got {actual!r}")


def finish():
    print(f"{failures} failures")
    sys.exit(1 if failures else 0)
