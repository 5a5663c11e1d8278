#!/usr/bin/env bash
# `npm run lab`: opens the study's notebooks in Jupyter with the tslab (TypeScript) kernel.
#
# Kernels start in the repository root, not in notebooks/: tslab compiles every local .ts file a cell
# imports and refuses files outside its working directory ("not under rootDir"), so the notebooks import
# './lib/...' relative to the root, exactly as in the headless report run (lib/report/notebook.ts).
# Classic Jupyter starts a kernel in the notebook's folder; the generated config below makes it use the
# server's root folder instead. Extra arguments go to `jupyter notebook` (e.g. --port 8890, --no-browser).
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

config_dir=$(mktemp -d)
trap 'rm -rf "$config_dir"' EXIT
cat > "$config_dir/jupyter_notebook_config.py" <<'PY'
# Every kernel starts in the server's root folder (the repository), whatever folder its notebook is in.
try:
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager as _ServerKernels
    _ServerKernels.cwd_for_path = lambda self, path, **kwargs: self.root_dir
except ImportError:
    pass
try:
    from notebook.services.kernels.kernelmanager import MappingKernelManager as _NotebookKernels
    _NotebookKernels.cwd_for_path = lambda self, path, **kwargs: self.root_dir
except ImportError:
    pass
PY

# Folder imports (`from '../metrics'`) resolved to their index.ts inside the kernel; see the preload's header.
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $root/lib/report/kernelDirectoryImports.cjs"
extra=()
[ "$(id -u)" != 0 ] || extra+=(--allow-root)  # containers often run as root; Jupyter refuses that by default
echo "lab: notebooks in $root/notebooks; kernels run in $root"
jupyter notebook "${extra[@]}" --config="$config_dir/jupyter_notebook_config.py" --notebook-dir="$root" \
  --NotebookApp.default_url=/tree/notebooks "$@"
