"""Loads Ferry's generated Django models against a real database and proves every relation with the
rows plain SQL finds (the Java test computed them): django.setup() and the system checks (warnings are
failures), every model's columns against the catalog and its row count, and per relation
select_related (forward ones) and prefetch_related (every direction).

    venv/bin/python check_django.py spec.json

spec.json: {"database": url, "root": folder holding the app, "module": app module, "models": [{"class",
  "columns": [column names], "rows" (or null), "key": [columns], "relations": [{"name", "pairs": [[owner
  key, target key]]}]}]}
Keys are the key columns as text joined with "|" (concat_ws), as the Java side computes them.
Prints "ok ..." / "FAIL ..." / "absent ..." lines; exits 1 when anything failed.
"""
import warnings

warnings.simplefilter("error")

from checks import check, finish, load_spec  # noqa: E402

from django_settings import configure  # noqa: E402

spec = load_spec()
configure(spec["database"], [spec["module"]])

from django.core.management import call_command  # noqa: E402
from django.db.models import F, Func, Prefetch, TextField  # noqa: E402
from django.db.models.functions import Cast  # noqa: E402

call_command("check", "--database", "default", fail_level="WARNING")
print("ok check")
package = __import__(spec["module"] + ".models", fromlist=["*"])
key_columns = {model["class"]: model["key"] for model in spec["models"]}


def keyed(cls):
    """The model's rows with ferry_key: its key columns as text joined with '|', computed by Postgres."""
    attnames = {f.column: f.attname for f in cls._meta.concrete_fields if getattr(f, "column", None)}
    parts = [Cast(F(attnames[c]), TextField()) for c in key_columns[cls.__name__]]
    return cls.objects.annotate(ferry_key=Func(*parts, function="concat_ws", template="concat_ws('|', %(expressions)s)"))


def related(owner, field):
    value = getattr(owner, field.name if not field.auto_created or field.concrete else field.get_accessor_name(), None)
    if value is None:
        return []
    if field.one_to_many or field.many_to_many:
        return list(value.all())
    return [value]


for model in spec["models"]:
    cls = getattr(package, model["class"])
    check(f"{model['class']} columns", model["columns"], [f.column for f in cls._meta.concrete_fields if getattr(f, "column", None)])
    if model["rows"] is not None:
        check(f"{model['class']} rows", model["rows"], cls.objects.count())

for model in spec["models"]:
    cls = getattr(package, model["class"])
    as_set = model["rows"] is None  # a table without a key: equal rows are one row to Django
    for relation in model["relations"]:
        name = relation["name"]
        label = f"{model['class']}.{name}"
        try:
            field = cls._meta.get_field(name)
        except Exception:
            print(f"absent {label}")
            continue
        target = field.related_model
        expected = sorted(tuple(p) for p in relation["pairs"])
        if as_set:
            expected = sorted(set(expected))
        if field.many_to_one or field.one_to_one:
            # forward ForeignKey/OneToOneField, and the back side of a one-to-one
            targets = {t.pk: t.ferry_key for t in keyed(target)}
            pairs = [(o.ferry_key, targets[r.pk]) for o in keyed(cls).select_related(name) for r in related(o, field)]
            check(f"{label} select_related", expected, sorted(set(pairs)) if as_set else sorted(pairs))
        owners = keyed(cls).prefetch_related(Prefetch(name, queryset=keyed(target)))
        pairs = [(o.ferry_key, r.ferry_key) for o in owners for r in related(o, field)]
        check(f"{label} prefetch_related", expected, sorted(set(pairs)) if as_set else sorted(pairs))

finish()
