#!/usr/bin/env bash
# Makes the Python side of Tvbo.PyRates ready. Idempotent; safe to run again.
#
# Debian/Ubuntu (apt-get available): checks every Debian package first (dpkg-query) and installs only the missing
# ones: CPython with its shared library and every PyRates dependency from the distribution (python3 python3-numpy
# python3-scipy python3-pandas python3-sympy python3-networkx python3-ruamel.yaml libpython3-dev), what the result
# files and their tests use (python3-xarray python3-h5netcdf python3-netcdf4) and, with --with-dask,
# python3-distributed python3-dask, and optionally AUTO-07p (auto-07p, with gfortran, which AUTO compiles each
# equations file with and the Debian package does not pull in): the tests' reference for numerical continuation; where
# it cannot be installed the script says so and goes on (those tests skip with the reason). 'apt-get update' runs
# once, and only when something must be installed; when
# everything is present the script needs neither root nor the network. Then PyRates 1.2.3 from PyPI where PyPI is
# reachable (skipped when it already imports). PyRates goes into
# the system interpreter with 'pip install --break-system-packages --no-deps' (its dependencies are already the
# Debian packages, and the bridge embeds the interpreter whose libpython it loads, so a venv would also need
# TVBO_PYTHON); with --venv DIR it goes into a venv created with --system-site-packages instead, and the script
# prints the TVBO_PYTHON to export.
# Elsewhere (or with --conda): creates/updates the conda environment of environment.yml (with --with-dask, and
# dask/distributed when they do not import from it).
#
# Ends by printing which interpreter the bridge will use and whether 'import pyrates' works. It exits 0 when the
# Python side is usable without PyRates (tests that need PyRates then skip with the reason) and says so plainly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
pyrates_version="1.2.3"
mode=auto
venv=""
with_dask=0
while [ $# -gt 0 ]; do
  case "$1" in
    --conda) mode=conda ;;
    --apt) mode=apt ;;
    --venv) venv="${2:?--venv needs a directory}"; shift ;;
    --with-dask) with_dask=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (valid: --apt, --conda, --venv DIR, --with-dask)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

# True when the Debian package is installed (checked before anything asks for root or the network).
deb_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

if [ "$mode" = auto ]; then
  if command -v apt-get >/dev/null 2>&1; then mode=apt; elif command -v conda >/dev/null 2>&1 || command -v mamba >/dev/null 2>&1; then mode=conda; else mode=none; fi
fi

python=""
pyrates_note=""
case "$mode" in
  apt)
    # Core: what the bridge needs. Extra: what the result files (xarray/NetCDF) and their tests use.
    core=(python3 python3-pip python3-venv python3-numpy python3-scipy python3-pandas python3-sympy python3-networkx
      python3-ruamel.yaml libpython3-dev)
    extra=(python3-xarray python3-h5netcdf python3-netcdf4)
    [ "$with_dask" = 1 ] && extra+=(python3-distributed python3-dask)
    missing=()
    for p in "${core[@]}" "${extra[@]}"; do deb_installed "$p" || missing+=("$p"); done
    if [ "${#missing[@]}" -eq 0 ]; then
      say "Debian packages: all $(( ${#core[@]} + ${#extra[@]} )) present (${core[*]} ${extra[*]})"
    else
      say "Installing missing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      as_root apt-get update -qq || say "apt-get update failed; trying with the existing package lists"
      if ! as_root apt-get install -y -qq "${missing[@]}"; then
        # libpython3-dev brings libpython3.X.so (what pythonnet loads); fall back to the runtime library name, to the
        # core packages alone, then to the extra ones one by one (an older distribution may lack some of them).
        fallback=()
        for p in python3 python3-numpy python3-scipy python3-pandas python3-sympy python3-networkx python3-ruamel.yaml; do
          deb_installed "$p" || fallback+=("$p")
        done
        if [ "${#fallback[@]}" -gt 0 ]; then
          say "Retrying with the core packages only: ${fallback[*]}"
          as_root apt-get install -y -qq "${fallback[@]}" || say "apt-get install failed: ${fallback[*]}"
        fi
        if deb_installed python3 && ! deb_installed libpython3-dev; then
          libpy="libpython3.$(/usr/bin/python3 -c 'import sys; print(sys.version_info[1])')"
          deb_installed "$libpy" || as_root apt-get install -y -qq "$libpy" || say "apt-get install failed: $libpy"
        fi
        for p in python3-pip python3-venv "${extra[@]}"; do
          deb_installed "$p" || as_root apt-get install -y -qq "$p" || say "apt-get install failed: $p"
        done
        still=()
        for p in "${missing[@]}"; do deb_installed "$p" || still+=("$p"); done
        [ "${#still[@]}" -eq 0 ] || say "Not installed: ${still[*]}"
      fi
    fi
    # Optional: AUTO-07p and the Fortran compiler it needs. Never fatal.
    optional=()
    deb_installed auto-07p || optional+=(auto-07p)
    deb_installed gfortran || command -v gfortran >/dev/null 2>&1 || optional+=(gfortran)
    if [ "${#optional[@]}" -eq 0 ]; then
      say "AUTO-07p: present (auto-07p, gfortran)"
    else
      say "Installing optional Debian packages: ${optional[*]}"
      export DEBIAN_FRONTEND=noninteractive
      if [ "${#missing[@]}" -eq 0 ]; then
        as_root apt-get update -qq || say "apt-get update failed; trying with the existing package lists"
      fi
      if ! as_root apt-get install -y -qq "${optional[@]}"; then
        for p in "${optional[@]}"; do
          deb_installed "$p" || as_root apt-get install -y -qq "$p" || say "apt-get install failed: $p"
        done
      fi
      deb_installed auto-07p && command -v gfortran >/dev/null 2>&1 && say "AUTO-07p: installed" ||
        say "AUTO-07p is not usable (auto-07p or gfortran missing); tests that compare with AUTO will skip."
    fi
    python=/usr/bin/python3
    if [ -n "$venv" ]; then
      [ -x "$venv/bin/python" ] || "$python" -m venv --system-site-packages "$venv"
      python="$venv/bin/python"
    fi
    # Found without importing it (an import takes ~1.5 s; the probe below imports it and reports the outcome).
    if "$python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('pyrates') is None)" >/dev/null 2>&1; then
      pyrates_note="already installed"
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
    if [ "$with_dask" = 1 ] && [ -n "$python" ] && ! "$python" -c "import dask, distributed" >/dev/null 2>&1; then
      say "Installing dask and distributed into '$envname'..."
      "$tool" install -n "$envname" -y dask distributed || say "conda install dask distributed failed"
    fi
    ;;
  none)
    say "Neither apt-get nor conda found: install Python 3.11 with numpy, scipy, pandas, sympy, networkx<=3.5,"
    say "ruamel.yaml and 'pip install pyrates==$pyrates_version' yourself, then export TVBO_PYTHON=/path/to/python."
    [ "$with_dask" = 1 ] && say "For --with-dask also install dask and distributed."
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
if [ "$with_dask" = 1 ]; then
  dask_py="${chosen:-${fallback:-}}"
  if [ -n "$dask_py" ] && dask_ver="$("$dask_py" -c 'import dask, distributed; print(dask.__version__, distributed.__version__)' 2>/dev/null)"; then
    say "import dask, distributed: OK (${dask_ver% *}, ${dask_ver#* }) in $dask_py"
  else
    say "import dask, distributed: FAILS${dask_py:+ in $dask_py}"
  fi
fi
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
