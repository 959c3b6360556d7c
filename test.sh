#!/usr/bin/env bash
# The README's test command: runs every test project in Workflows.sln and ends with one
# summary line "N passed, N failed, N skipped". Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter FullyQualifiedName~Engine). Then, unless RUN_COMMAND_TEST=0, the run
# command's Ctrl-C test (tests/run-command/ctrl-c.test.sh; needs ports 7071 and 10000-10002 free),
# counted in the summary as one test.
set -euo pipefail
cd "$(dirname "$0")"

# Test fixtures start their own Azurite from node_modules (ARCHITECTURE §7).
ensure_node_modules() {
  if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  fi
}

# Browser tests drive Debian's Chromium, not a Playwright-downloaded browser (only the
# Debian/NuGet/npm registries are reachable here and on CI).
ensure_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    local sudo=""
    [[ $EUID -eq 0 ]] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
  fi
}

ensure_node_modules
if [[ -d tests/Workflows.Browser.Tests ]]; then
  ensure_chromium
fi

# Each project writes its .trx into its own TestResults/ (a shared folder risks two projects
# finishing in the same second and overwriting each other's file); afterwards this run's files
# are gathered into one folder per run, and only those are counted.
results="TestResults/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
touch "$results/.started"
status=0
dotnet test Workflows.sln --logger trx --blame-hang-timeout 10m "$@" || status=$?

passed=0 failed=0 skipped=0
while IFS= read -r -d '' trx; do
  project=$(basename "$(dirname "$(dirname "$trx")")")
  mv "$trx" "$results/$project-$(basename "$trx")"
done < <(find tests -path '*/TestResults/*.trx' -newer "$results/.started" -print0)
# Sum the <Counters> of every project's .trx; skipped tests are counted in total but not executed.
counter() { # counter <attribute> <trx file>: the number, or 0 if absent
  local n
  n=$(grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9' || true)
  echo "${n:-0}"
}
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || continue
  passed=$((passed + $(counter passed "$trx")))
  failed=$((failed + $(counter failed "$trx")))
  skipped=$((skipped + $(counter total "$trx") - $(counter executed "$trx")))
done

# After dotnet test, whose fixtures start their own Azurite on free ports: this one drives ./run.sh
# on the fixed ports.
if [[ ${RUN_COMMAND_TEST:-1} != 0 ]]; then
  if tests/run-command/ctrl-c.test.sh; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0 && status == 0)); then
  status=1
elif ((failed == 0 && status != 0)); then
  echo "dotnet test exited with $status: a build error or an aborted test run, see above" >&2
fi
exit "$status"
