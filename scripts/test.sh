#!/usr/bin/env bash
# The one test command (README): lint, typecheck, every node:test suite (core, server, sdk, e2e in Chromium),
# and the server suites a second time on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "herald test: running on Node $(node --version) ($(command -v node))"

# Browser tests drive Debian's Chromium; never a downloaded browser.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's 'chromium' package: run 'sudo apt-get install -y chromium' and try again." >&2
    exit 1
  fi
fi

# Every step runs even when an earlier one fails, so one log shows everything; the exit code is the worst.
status=0
step() { echo "== $1"; shift; "$@" || { echo "!! step failed: $*"; status=1; }; }

step "lint (biome)" npx biome check .
step "typecheck (tsc --noEmit)" npx tsc --noEmit -p tsconfig.json
if [ -f packages/web/vite.config.ts ]; then
  step "build web app" npm run build -w packages/web --silent
fi
shopt -s globstar nullglob
files=(packages/*/test/**/*.test.ts)
step "tests (node:test, ${#files[@]} files)" node --test --test-concurrency=2 --test-timeout=300000 "${files[@]}"
# The store matrix: the server suites again on PostgreSQL (test/helpers/matrix.ts lists the files that choose
# their own store); PostgreSQL is required when CI=true, else the pass is skipped with a note when it is down.
if pgfiles=$(node packages/server/test/helpers/matrix.ts); then
  if [ -n "$pgfiles" ]; then
    mapfile -t pgfiles <<<"$pgfiles"
    step "server tests on PostgreSQL (${#pgfiles[@]} files)" env HERALD_TEST_STORE=postgres \
      node --test --test-concurrency=2 --test-timeout=300000 "${pgfiles[@]}"
  fi
else
  echo "!! step failed: server tests on PostgreSQL"
  status=1
fi
exit $status
