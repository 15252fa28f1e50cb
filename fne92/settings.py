"""FNE Ateliers settings: one module, read from environment variables only.

With no variable set it runs as the demo does: SQLite file, in-memory channel layer,
DEBUG off. Every variable is listed in `.env.example`.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    # A typo ("ture", "oui") must not quietly mean False: for SECURE_COOKIES or DEBUG that
    # would silently change how the site runs.
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1/0, true/false, yes/no or on/off.")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "0")

# No secret lives in the repository. Without SECRET_KEY, a random key is kept in a file
# outside version control so that sessions survive a restart of the demo.
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    _key_file = BASE_DIR / "var" / "secret_key"
    if _key_file.exists():
        SECRET_KEY = _key_file.read_text().strip()
    else:
        SECRET_KEY = get_random_secret_key()
        _key_file.parent.mkdir(exist_ok=True)
        _key_file.write_text(SECRET_KEY)
        _key_file.chmod(0o600)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# Public address used in QR codes and printed links when the app sits behind a proxy.
SITE_URL = os.getenv("SITE_URL", "").rstrip("/")
# Where people report an accessibility problem or ask about their data.
CONTACT_EMAIL = os.getenv("CONTACT_EMAIL", "")
# Days the participants' personal data is kept after a workshop (or a document sent through
# the call for data) before `manage.py purge_personal_data` removes it; the personal-data
# page states it.
PERSONAL_DATA_RETENTION_DAYS = envint("PERSONAL_DATA_RETENTION_DAYS", "365")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials",
    "common",
    "fne92",
    "workshops",
    "quizzes",
    "live",
    "roadmap",
    "axes",
    "census",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fne92.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped for the browsers that accept it (a classification step's phone page: 20
    # KB → 4 KB; about 0.1 ms per small page). Below WhiteNoise, so the static files, gzipped
    # ahead of time, never pass through it. Django pads each response with random bytes
    # against BREACH, and its CSRF tokens are masked anew on every response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fne92.middleware.strip_controls_from_forms",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns django-axes' lockout into its page. Not last as axes suggests but before our
    # synchronous ones: it only reads the response, and the stack keeps its one hop.
    "axes.middleware.AxesMiddleware",
    "fne92.middleware.PermissionDeniedMiddleware",
    "fne92.middleware.SyncHtmxMiddleware",
]

ROOT_URLCONF = "fne92.urls"
ASGI_APPLICATION = "fne92.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fne92.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        # Persistent connections: under ASGI the sync work shares one thread, and opening a
        # connection for every WebSocket message cost more than the query itself.
        conn_max_age=envint("DB_CONN_MAX_AGE", "600"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # Concurrent writers (several Daphne threads, a management command) fail with
    # "database is locked" without WAL, a busy timeout and IMMEDIATE transactions.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Channel layer: in memory (one process) unless REDIS_URL is set.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL and os.getenv("REDIS_CHANNEL_LAYER", "pubsub") == "core":
    # Kept to measure against (bench/live_load.py --redis-layer core); see README.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": os.getenv("CHANNEL_PREFIX", "fne92"),
                "capacity": 2000,
                "expiry": 60,
                "group_expiry": 24 * 60 * 60,
            },
        }
    }
elif REDIS_URL:
    # The pub/sub layer, not the core RedisChannelLayer: measured with 1,000 phones answering
    # within 3 s, the core layer held 76-101 Redis connections and the projector received 4
    # pushes (p95 1.8 s); pub/sub held 3-5 connections and delivered 42 (p95 0.7 s). See
    # README "Plusieurs processus".
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": os.getenv("CHANNEL_PREFIX", "fne92")},
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            # Channels' in-memory layer without its scan of every channel on every message
            # (live/channel_layer.py).
            "BACKEND": "live.channel_layer.HeapInMemoryChannelLayer",
            # group_send drops silently to a full channel: leave room for a burst.
            "CONFIG": {"capacity": 2000, "expiry": 60},
        }
    }

# The cache holds the throttles' counters (common.throttle): shared by every process with Redis.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.getenv("CHANNEL_PREFIX", "fne92") + "-cache",
        }
    }

# Join codes (live.sessions.session_for_code): after JOIN_CODE_FAILURES wrong codes from one
# client (address) within JOIN_CODE_FAILURE_SECONDS, that client is slowed to one code every
# JOIN_CODE_SLOW_SECONDS, the right one included (someone behind the guesser's address still
# gets in); after JOIN_CODE_DAILY_FAILURES wrong codes in a day, its codes are refused until
# the day's window ends. A guesser tests at most that many of the 900,000 codes a day.
# How long a session's join code lets people in after the session starts.
SESSION_CODE_HOURS = envint("SESSION_CODE_HOURS", "12")
JOIN_CODE_FAILURES = envint("JOIN_CODE_FAILURES", "20")
JOIN_CODE_FAILURE_SECONDS = envint("JOIN_CODE_FAILURE_SECONDS", "600")
JOIN_CODE_SLOW_SECONDS = envint("JOIN_CODE_SLOW_SECONDS", "2")
JOIN_CODE_DAILY_FAILURES = envint("JOIN_CODE_DAILY_FAILURES", "300")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused, right password included, for LOGIN_LOCKOUT_MINUTES after
# the last attempt. The same person elsewhere and others at that address are not concerned.
# A superuser lifts a lockout in the admin ("Tentatives d'accès") or with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", "15")
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "common.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "fne92.views.locked_out"
# Failed attempts are kept (to count them), not a journal of every login: personal data.
AXES_DISABLE_ACCESS_LOG = True

LOGIN_URL = "login"
# Each role lands where it works (fne92.views.landing), not on a page that refuses it.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where `collectstatic` writes (nginx serves it in production; the tests collect elsewhere).
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# The public call for data (roadmap.documents): one file's size, what an Office/ODF file may
# unpack to (zip bombs), the total a roadmap may hold, and uploads per address per hour.
ROADMAP_UPLOAD_MAX_BYTES = envint("ROADMAP_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
ROADMAP_UPLOAD_MAX_UNPACKED_BYTES = envint(
    "ROADMAP_UPLOAD_MAX_UNPACKED_BYTES", str(20 * ROADMAP_UPLOAD_MAX_BYTES)
)
ROADMAP_UPLOAD_TOTAL_BYTES = envint("ROADMAP_UPLOAD_TOTAL_BYTES", str(1024 * 1024 * 1024))
DATA_CALL_UPLOADS = envint("DATA_CALL_UPLOADS", "20")
# A request body declared larger than this is refused before it is read (fne92.asgi): the
# largest upload plus room for the form's other fields.
REQUEST_MAX_BYTES = ROADMAP_UPLOAD_MAX_BYTES + 1024 * 1024
# Uploaded documents are kept outside static and served by a view that checks rights.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "var" / "uploads")))
# Below this much free space where documents are uploaded, the health check fails.
HEALTH_MIN_FREE_BYTES = envint("HEALTH_MIN_FREE_MB", "200") * 2**20
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed and compressed names once collected, plain names before (fne92/staticfiles.py).
    "staticfiles": {"BACKEND": "fne92.staticfiles.CollectedStaticStorage"},
}
# Files not collected (a fresh checkout, a file added since) are served from the source tree,
# so nothing needs a build step; collected ones, with hashed names, are served gzipped and
# cached for a year (WhiteNoise recognises the names of the manifest).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# HTTPS, switched on by variables for production behind TLS.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "0")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
# A supervisor on the machine itself may poll a Daphne process over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
if envbool("BEHIND_PROXY", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the site's own scripts, styles, images and
# sockets. No inline script anywhere (page behaviours live in static/js/), so a word typed
# on a phone that slipped through escaping still could not run on the projector. No
# 'unsafe-eval' either: htmx attributes that evaluate code (hx-on, trigger filters) are not
# used. Inline style attributes stay allowed (style-src-attr): the result bars and shares are
# widths computed per answer (style="width: 37%"), too many values for 'unsafe-hashes', and
# a style attribute cannot run script. <style> elements stay refused (htmx's indicator style
# is switched off in base.html). connect-src: 'self' and the page's own ws(s):// address
# (fne92.middleware.CSPMiddleware: older Safari does not count a WebSocket as 'self').
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        # data: for the page's empty favicon (no request for /favicon.ico).
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# One line per event on standard error (journald keeps them under systemd). The requests and
# the WebSocket connections and disconnections are Daphne's own access log, on standard output:
# one line each, the client's address and the path (a session's number, never a name), at no
# cost to the application. Errors come from Django's loggers with the request's path and the
# traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
