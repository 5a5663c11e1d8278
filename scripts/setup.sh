#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine: Debian packages, npm packages, the compiled library, the tslab
# Jupyter kernel.
# A second run only checks and returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."

# poppler-utils: pdftoppm, with which the tests look at the deck's PDF pages.
source scripts/apt-packages.sh
ensure_apt_packages postgresql jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel chromium poppler-utils

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

# The compiled library (dist/) that notebooks import as 'purchase-prediction', rebuilt only when lib/ changed
# since the last build, and the stub through which TypeScript in a kernel finds its types (lib/report/libraryBuild.ts,
# lib/report/packageStubs.ts).
node bin/purchase-prediction.js build

# The tslab kernel, registered against Debian's Jupyter.
# The kernel spec is machine-wide and names this checkout's binary, so re-register when it names another one.
kernel_json=$(jupyter kernelspec list --json 2>/dev/null | python3 -c 'import json,sys; k=json.load(sys.stdin)["kernelspecs"].get("tslab"); print(k["resource_dir"] + "/kernel.json" if k else "")' || true)
if [ -z "$kernel_json" ] || ! grep -qs "\"$PWD/node_modules/.bin/tslab\"" "$kernel_json"; then
  echo "setup: registering the tslab kernel"
  node_modules/.bin/tslab install --python=/usr/bin/python3 --binary="$PWD/node_modules/.bin/tslab" >/dev/null
fi
