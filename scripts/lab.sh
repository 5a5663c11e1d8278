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
if ! dpkg-query -W -f='${Status}' jupyter-notebook 2>/dev/null | grep -q 'install ok installed'; then
  echo "lab: installing the Debian package jupyter-notebook"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends jupyter-notebook >/dev/null
fi
bash scripts/default-data.sh

extra=()
[ "$(id -u)" != 0 ] || extra+=(--allow-root)  # containers often run as root; Jupyter refuses that by default
echo "lab: notebooks in $root/notebooks"
exec jupyter notebook "${extra[@]}" --notebook-dir="$root" --NotebookApp.default_url=/tree/notebooks "$@"
