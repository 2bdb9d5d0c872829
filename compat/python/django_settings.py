"""Django settings for the checks, from a postgres:// URL: Django's own PostgreSQL backend (psycopg 3)."""
from urllib.parse import unquote, urlsplit

import django
from django.conf import settings


def configure(url, apps):
    parts = urlsplit(url)
    settings.configure(
        INSTALLED_APPS=["django.contrib.postgres", *apps],
        DATABASES={"default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }},
        USE_TZ=True,
    )
    django.setup()
