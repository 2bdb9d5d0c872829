"""Loads Ferry's generated SQLAlchemy models against a real database and proves every relationship
with the rows plain SQL finds (the Java test computed them): configure_mappers(), every model's columns
against the catalog, and per relationship a select(...).join(...) and a selectinload.

    venv/bin/python check_sqlalchemy.py spec.json

spec.json: {"database": url, "root": folder holding the package, "package": name, "models": [{"class",
  "columns": [column names], "rows" (or null), "key": [attributes], "relationships": [{"name",
  "target_key": [attributes], "pairs": [[owner key, target key]]}]}]}
Keys are the key columns as text joined with "|" (concat_ws), as the Java side computes them.
Prints "ok ..." / "FAIL ..." lines; exits 1 when anything failed. SQLAlchemy warnings are failures.
"""
import importlib
import warnings

warnings.simplefilter("error")

from checks import check, finish, load_spec  # noqa: E402

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.orm import Session, aliased, configure_mappers, raiseload, selectinload  # noqa: E402

spec = load_spec()
package = importlib.import_module(spec["package"])


def key_of(entity, attributes):
    return sa.func.concat_ws("|", *[sa.cast(getattr(entity, a), sa.Text) for a in attributes])


configure_mappers()
print("ok configure_mappers")
url = spec["database"].replace("postgres://", "postgresql+psycopg://", 1)
engine = sa.create_engine(url)
with Session(engine) as session:
    classes = {model["class"]: getattr(package, model["class"]) for model in spec["models"]}
    keys = {}  # id(instance) -> key text; the session's identity map returns the same instances below
    loaded = []
    for model in spec["models"]:
        cls = classes[model["class"]]
        check(f"{model['class']} columns", model["columns"], [c.name for c in cls.__table__.columns])
        rows = session.execute(sa.select(cls, key_of(cls, model["key"]))).all()
        for instance, key in rows:
            keys[id(instance)] = key
            loaded.append(instance)
        if model["rows"] is not None:
            check(f"{model['class']} rows", model["rows"], len(rows))
    for model in spec["models"]:
        cls = classes[model["class"]]
        for relationship in model["relationships"]:
            name = relationship["name"]
            label = f"{model['class']}.{name}"
            attribute = getattr(cls, name)
            target = aliased(attribute.property.mapper.class_)
            expected = sorted(tuple(p) for p in relationship["pairs"])
            joined = session.execute(
                sa.select(key_of(cls, model["key"]), key_of(target, relationship["target_key"]))
                .select_from(cls).join(attribute.of_type(target))).all()
            check(f"{label} join", expected, sorted(tuple(row) for row in joined))
            pairs = []
            owners = session.scalars(sa.select(cls).options(selectinload(attribute), raiseload("*"))
                                     .execution_options(populate_existing=True)).all()
            for owner in owners:
                value = getattr(owner, name)
                for related in (value if isinstance(value, list) else [] if value is None else [value]):
                    pairs.append((keys[id(owner)], keys[id(related)]))
            # a table without a key is identified by all its columns: equal rows are one instance
            check(f"{label} selectinload", sorted(set(expected)) if model["rows"] is None else expected,
                  sorted(set(pairs)) if model["rows"] is None else sorted(pairs))

finish()
