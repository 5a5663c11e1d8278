#!/usr/bin/env bash
# Idempotent extra setup of the benchmark (`npm run bench`), on top of scripts/setup.sh: Debian's pandas and
# psycopg2 for bench/study_stack.py, the study's stack that the 10x target is measured against.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt-packages.sh
ensure_apt_packages python3-pandas python3-psycopg2
