#!/usr/bin/env bash
# Brings src/*/PublicAPI.Unshipped.txt up to date with the build: every public symbol of a project under src/ that is
# not in its PublicAPI.Shipped.txt is listed, symbols that are gone are dropped (or, when they had shipped, listed as
# '*REMOVED*<line>'). Run it after changing public API, review the diff, and commit the files with the change:
#
#   env/update-public-api.sh                          # all projects under src/
#   env/update-public-api.sh Tvbo.Figures Tvbo.Cli    # some of them
#   env/update-public-api.sh --reset                  # regenerate the Unshipped files from nothing
#
# How: Microsoft.CodeAnalysis.PublicApiAnalyzers reports every undeclared public symbol as RS0016 with the exact line
# the file needs ('Symbol '<line>' is not part of the declared public API') and every declared symbol that is gone as
# RS0017. The script builds the projects once, in a temporary artifacts folder (the checkout's bin/obj and its files
# stay as they are until the end, so other builds go on meanwhile) with warnings not as errors (so one project's
# errors do not hide its dependents' diagnostics), applies the reported lines to the Unshipped files, sorted, and builds
# again with warnings as errors to check that the build is clean. A project without PublicAPI files gets them.
# At a release: move the Unshipped lines into Shipped (a '*REMOVED*' line deletes the shipped line it names).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1
header='#nullable enable'

reset=0
projects=()
for arg in "$@"; do
  case "$arg" in
    --reset) reset=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "update-public-api: unknown option '$arg' (valid: --reset, project names)" >&2; exit 2 ;;
    *)
      [ -f "src/$arg/$arg.csproj" ] || { echo "update-public-api: no project src/$arg/$arg.csproj" >&2; exit 2; }
      projects+=("src/$arg/$arg.csproj") ;;
  esac
done
if [ "${#projects[@]}" -eq 0 ]; then
  for p in src/*/*.csproj; do projects+=("$p"); done
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tvbo-public-api.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# One solution with just these projects, so that a single build reports all of them.
{
  echo '<Solution>'
  for p in "${projects[@]}"; do echo "  <Project Path=\"$root/$p\" />"; done
  echo '</Solution>'
} > "$tmp/api.slnx"

for p in "${projects[@]}"; do
  dir="$(dirname "$p")"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '%s\n' "$header" > "$dir/PublicAPI.Shipped.txt"
  if [ "$reset" = 1 ] || [ ! -f "$dir/PublicAPI.Unshipped.txt" ]; then printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"; fi
done

echo "[public-api] building ${#projects[@]} project(s) to collect RS0016/RS0017..."
dotnet build "$tmp/api.slnx" --artifacts-path "$tmp/artifacts" -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= \
  -clp:NoSummary -v:q > "$tmp/build.log" 2>&1 || true

status=0
for p in "${projects[@]}"; do
  dir="$(dirname "$p")"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  # '<file>(l,c): warning RS0016: Symbol '<api line>' is not part of the declared public API (<url>) [<project>]'
  # '<file>(l,c): warning RS0017: Symbol '<api line>' is part of the declared API, but is either not public or ...'
  awk -v proj="$root/$p" -v shipped="$dir/PublicAPI.Shipped.txt" -v unshipped="$unshipped" -v header="$header" '
    BEGIN {
      while ((getline line < shipped) > 0) inShipped[line] = 1
      while ((getline line < unshipped) > 0) if (line != header && line != "") keep[line] = 1
    }
    index($0, "[" proj "]") == 0 { next }
    / warning RS0016: Symbol \x27/ {
      s = $0; sub(/^.* warning RS0016: Symbol \x27/, "", s); sub(/\x27 is not part of the declared public API.*$/, "", s)
      if (!(s in keep)) added++
      keep[s] = 1; next
    }
    / warning RS0017: Symbol \x27/ {
      s = $0; sub(/^.* warning RS0017: Symbol \x27/, "", s); sub(/\x27 is part of the declared API.*$/, "", s)
      if (s in keep) { delete keep[s]; removed++ }
      if ((s in inShipped) && !(("*REMOVED*" s) in keep)) { keep["*REMOVED*" s] = 1; removed++ }
    }
    END {
      for (s in keep) print s
      printf "%d %d\n", added, removed > "/dev/stderr"
    }' "$tmp/build.log" 2> "$tmp/counts" | LC_ALL=C sort -u > "$tmp/lines"
  { printf '%s\n' "$header"; cat "$tmp/lines"; } > "$tmp/new"
  read -r added removed < "$tmp/counts"
  if cmp -s "$tmp/new" "$unshipped"; then change="unchanged"; else cp "$tmp/new" "$unshipped"; change="+$added -$removed"; fi
  echo "[public-api] $unshipped: $(wc -l < "$tmp/lines") line(s), $change"
done

if grep -q ' error ' "$tmp/build.log"; then
  echo "[public-api] the build has errors besides the API files (first ones below); fix them and run this again:" >&2
  grep ' error ' "$tmp/build.log" | sed 's/ (https:[^)]*)//g' | sort -u | head -20 >&2
  status=1
fi

echo "[public-api] checking that the build is clean (warnings as errors)..."
if ! dotnet build "$tmp/api.slnx" --artifacts-path "$tmp/artifacts" -v:q -clp:NoSummary > "$tmp/check.log" 2>&1; then
  echo "[public-api] the build is not clean:" >&2
  grep -E ' (error|warning) ' "$tmp/check.log" | sed 's/ (https:[^)]*)//g' | sort -u | head -30 >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "[public-api] done: review 'git diff -- src/*/PublicAPI.*.txt' and commit the files with the change."
exit "$status"
