#!/usr/bin/env bash
# CI stage "production": nginx from Debian in front of two Daphne processes with PostgreSQL
# and Redis, TLS with a certificate made on the fly, on free loopback ports (never the
# system's nginx, never 80/443). Runs tests/deploy (journey, restart, uploads, health, backup
# and restore), then bench/live_load.py at 200 phones through nginx. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/sbin/nginx ]; then
  echo "== Installing nginx (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/fne92_deploy"
export REDIS_URL="redis://127.0.0.1:6379/0"
export CHANNEL_PREFIX="deploy"

echo "== Through nginx: journey, restart, uploads, health, backup and restore"
.venv/bin/pytest -p no:xdist -q -m deploy tests/deploy/test_through_nginx.py

echo "== bench/live_load.py, 200 phones through nginx and two Daphne processes"
work="$(mktemp -d /tmp/fne92-ci-nginx-XXXXXX)"
port=18100
.venv/bin/python -m tests.deploy.nginx start "$work" --https-port 18443 \
  --daphne "127.0.0.1:$port" --daphne "127.0.0.1:$((port + 1))" >/dev/null
trap '.venv/bin/python -m tests.deploy.nginx stop "$work"; rm -rf "$work"' EXIT
.venv/bin/python bench/live_load.py --phones 200 --window 3 --runs 1 --db postgres \
  --layer redis --processes 2 --port "$port" --postgres-url "${DATABASE_URL}_bench" \
  --via https://127.0.0.1:18443
