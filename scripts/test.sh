#!/usr/bin/env bash
# `npm test`: every test. Installs what the tests need when it is missing
# (Debian's Chromium for the browser tests), builds the app, then runs the
# unit/integration suite (vitest), the fault-injection tests and the browser suite (Playwright).
# Integration tests use PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
# Browser tests always run the production build against PostgreSQL (so they can check
# what landed in the database): DATABASE_URL, or the local server at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
	echo "Installing Debian's Chromium for the browser tests…"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
[ -d node_modules ] || npm ci

E2E_BASE_DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! node scripts/wait-for-postgres.mjs "$E2E_BASE_DATABASE_URL" 1 >/dev/null 2>&1; then
	if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
		echo "Starting the local PostgreSQL for the browser tests…"
		pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
	fi
	node scripts/wait-for-postgres.mjs "$E2E_BASE_DATABASE_URL" 30
fi
export E2E_BASE_DATABASE_URL

# Redis: the several-instances test shares rate limits through it (REDIS_URL, or the local server).
if [ -z "${REDIS_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
	if ! command -v redis-server >/dev/null; then
		echo "Installing Debian's Redis for the several-instances test…"
		SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
	fi
	echo "Starting a local Redis for the several-instances test…"
	mkdir -p /tmp/bazaar-redis
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/bazaar-redis --logfile /tmp/bazaar-redis/redis.log
	for _ in $(seq 1 20); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.5; done
fi

npm run --silent typecheck
npm run --silent build
npx vitest run "$@"
# Fault injection (a private PostgreSQL cluster on port 5499, app processes under load): one file at a time.
npx vitest run --config vitest.faults.config.ts
npx playwright test
