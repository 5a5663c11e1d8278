#!/usr/bin/env bash
# `npm run lab`: opens the study's notebooks in Jupyter with the tslab (TypeScript) kernel.
#
# Nothing here is special to this project's notebooks: kernels start in the notebook's folder (notebooks/),
# as in JupyterLab or VS Code, and cells import the library by its package name ('purchase-prediction'),
# which setup compiled into dist/. After editing lib/, run `npm run build` and restart the kernel.
# Extra arguments go to `jupyter notebook` (e.g. --port 8890, --no-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh
source scripts/apt-packages.sh
ensure_apt_packages jupyter-notebook
bash scripts/default-data.sh

extra=()
[ "$(id -u)" != 0 ] || extra+=(--allow-root)  # containers often run as root; Jupyter refuses that by default
echo "lab: notebooks in $root/notebooks"
exec jupyter notebook "${extra[@]}" --notebook-dir="$root" --NotebookApp.default_url=/tree/notebooks "$@"
