#!/usr/bin/env bash
# The whole test suite: setup (idempotent), PostgreSQL for the backend tests, type check, lint, node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/pg.sh
echo "test: PostgreSQL on $PGHOST:$PGPORT"
node_modules/.bin/tsc --noEmit -p .
# Lint and format check (Biome, biome.json); `npm run format` rewrites the files.
node_modules/.bin/biome check lib test bench
# A load cache of the run's own (lib/data/loadCache.ts): tests start from an empty one and leave none behind.
PURCHASE_PREDICTION_CACHE="$(mktemp -d)/load-cache"
export PURCHASE_PREDICTION_CACHE
trap 'rm -rf "$(dirname "$PURCHASE_PREDICTION_CACHE")"' EXIT
mapfile -t files < <(find test -name '*.test.ts' | sort)
node --import tsx --test --test-reporter=spec "${files[@]}"
