#!/usr/bin/env bash
# The main job on the embedded default data: setup (idempotent), regenerate the default data if missing,
# then run the report (notebooks executed to HTML, figures as PNG, model table).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/default-data.sh
exec node bin/purchase-prediction.js report --data data/default --out reports "$@"
