#!/usr/bin/env bash
# Makes the Python side of Tvbo.PyRates ready. Idempotent; safe to run again.
#
# Debian/Ubuntu (apt-get available): installs CPython with its shared library and every PyRates dependency from
# the distribution (python3 python3-numpy python3-scipy python3-pandas python3-sympy python3-networkx
# python3-ruamel.yaml libpython3-dev), then PyRates 1.2.3 from PyPI where PyPI is reachable. PyRates goes into
# the system interpreter with 'pip install --break-system-packages --no-deps' (its dependencies are already the
# Debian packages, and the bridge embeds the interpreter whose libpython it loads, so a venv would also need
# TVBO_PYTHON); with --venv DIR it goes into a venv created with --system-site-packages instead, and the script
# prints the TVBO_PYTHON to export.
# Elsewhere (or with --conda): creates/updates the conda environment of environment.yml.
#
# Ends by printing which interpreter the bridge will use and whether 'import pyrates' works. It exits 0 when the
# Python side is usable without PyRates (tests that need PyRates then skip with the reason) and says so plainly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
pyrates_version="1.2.3"
mode=auto
venv=""
while [ $# -gt 0 ]; do
  case "$1" in
    --conda) mode=conda ;;
    --apt) mode=apt ;;
    --venv) venv="${2:?--venv needs a directory}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (valid: --apt, --conda, --venv DIR)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

if [ "$mode" = auto ]; then
  if command -v apt-get >/dev/null 2>&1; then mode=apt; elif command -v conda >/dev/null 2>&1 || command -v mamba >/dev/null 2>&1; then mode=conda; else mode=none; fi
fi

python=""
pyrates_note=""
case "$mode" in
  apt)
    say "Installing Debian packages (python3, numpy, scipy, pandas, sympy, networkx, ruamel.yaml, libpython)..."
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq || say "apt-get update failed; trying with the existing package lists"
    # libpython3-dev brings libpython3.X.so (what pythonnet loads); fall back to the runtime library name.
    if ! as_root apt-get install -y -qq python3 python3-pip python3-venv python3-numpy python3-scipy python3-pandas \
        python3-sympy python3-networkx python3-ruamel.yaml libpython3-dev; then
      as_root apt-get install -y -qq python3 python3-numpy python3-scipy python3-pandas python3-sympy \
        python3-networkx python3-ruamel.yaml "libpython3.$(/usr/bin/python3 -c 'import sys; print(sys.version_info[1])')"
    fi
    python=/usr/bin/python3
    if [ -n "$venv" ]; then
      [ -x "$venv/bin/python" ] || "$python" -m venv --system-site-packages "$venv"
      python="$venv/bin/python"
    fi
    if "$python" -c "import pyrates" >/dev/null 2>&1; then
      pyrates_note="already importable"
    else
      say "Installing PyRates $pyrates_version from PyPI..."
      pip_args=(install --no-deps --disable-pip-version-check --timeout 20 --retries 1 "pyrates==$pyrates_version")
      [ -z "$venv" ] && pip_args+=(--break-system-packages)
      if ! "$python" -m pip --version >/dev/null 2>&1; then
        pyrates_note="pip is not available for $python"
      elif "$python" -m pip "${pip_args[@]}"; then
        pyrates_note="installed from PyPI"
      else
        pyrates_note="PyPI is not reachable or the install failed"
      fi
    fi
    ;;
  conda)
    tool=conda; command -v mamba >/dev/null 2>&1 && tool=mamba
    envname="$(sed -n 's/^name: *//p' "$root/environment.yml")"
    if "$tool" env list | awk '{print $1}' | grep -qx "$envname"; then
      say "Updating conda environment '$envname' from environment.yml..."
      "$tool" env update -n "$envname" -f "$root/environment.yml" || pyrates_note="conda env update failed"
    else
      say "Creating conda environment '$envname' from environment.yml..."
      "$tool" env create -f "$root/environment.yml" || pyrates_note="conda env create failed"
    fi
    prefix="$("$tool" env list | awk -v n="$envname" '$1 == n {print $NF}')"
    [ -n "$prefix" ] && python="$prefix/bin/python"
    ;;
  none)
    say "Neither apt-get nor conda found: install Python 3.11 with numpy, scipy, pandas, sympy, networkx<=3.5,"
    say "ruamel.yaml and 'pip install pyrates==$pyrates_version' yourself, then export TVBO_PYTHON=/path/to/python."
    ;;
esac

# What the bridge will embed: TVBO_PYTHON, else the first python3/python on PATH that imports pyrates, else one
# that imports numpy and pandas (the same order as Tvbo.PyRates' PythonLocator).
probe='import sys, sysconfig
mods = {}
for name in ("numpy", "pandas", "pyrates"):
    try:
        m = __import__(name); mods[name] = getattr(m, "__version__", "?")
    except Exception as e:
        mods[name] = None; mods[name + "_error"] = "%s: %s" % (type(e).__name__, e)
print(sys.executable, "%d.%d.%d" % sys.version_info[:3], mods.get("numpy"), mods.get("pandas"), mods.get("pyrates"), "|", mods.get("pyrates_error", ""))'
candidates=()
[ -n "${TVBO_PYTHON:-}" ] && candidates+=("$TVBO_PYTHON")
[ -n "$python" ] && candidates+=("$python")
IFS=: read -r -a dirs <<< "${PATH:-}"
for d in "${dirs[@]}"; do for n in python3 python; do [ -x "$d/$n" ] && candidates+=("$d/$n"); done; done
candidates+=(/usr/bin/python3)

chosen=""; chosen_info=""; fallback=""; fallback_info=""
for c in "${candidates[@]}"; do
  [ -x "$c" ] || continue
  info="$("$c" -c "$probe" 2>/dev/null)" || continue
  read -r exe ver np pd pr _ <<< "$info"
  [ "$np" = None ] || [ "$pd" = None ] && continue
  if [ "$pr" != None ]; then chosen="$c"; chosen_info="$info"; break; fi
  [ -z "$fallback" ] && { fallback="$c"; fallback_info="$info"; }
  [ -n "${TVBO_PYTHON:-}" ] && [ "$c" = "$TVBO_PYTHON" ] && break
done

echo
if [ -n "$chosen" ]; then
  read -r exe ver np pd pr _ <<< "$chosen_info"
  say "The bridge will use: $exe (Python $ver, numpy $np, pandas $pd)"
  say "import pyrates: OK (PyRates $pr)${pyrates_note:+ — $pyrates_note}"
  if [ -n "$venv" ]; then say "export TVBO_PYTHON=$python"; fi
elif [ -n "$fallback" ]; then
  read -r exe ver np pd pr _ <<< "${fallback_info%%|*}"
  reason="${fallback_info#*| }"
  say "The bridge will use: $exe (Python $ver, numpy $np, pandas $pd)"
  say "import pyrates: FAILS ($reason)"
  say "PyRates could not be installed${pyrates_note:+: $pyrates_note}. Runs with --backend pyrates will report this;"
  say "tests that need PyRates skip with the reason. Install it where PyPI is reachable ('pip install pyrates==$pyrates_version'),"
  say "or use conda ('env/setup.sh --conda'), then run this script again."
else
  say "No python with numpy and pandas was found: the PyRates backend cannot start. See the messages above."
  exit 1
fi
exit 0
