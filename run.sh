#!/usr/bin/env bash
# The README's run command: the app on http://localhost:7071 against a local Azurite
# (ARCHITECTURE §7). Reuses an Azurite already listening on 10000-10002, otherwise starts
# one from node_modules with its data in .data/azurite, and stops only that one on exit.
#
# Ctrl-C (SIGINT to the whole foreground process group), TERM, HUP and QUIT stop the app first
# (TERM, KILL after a few seconds) and then the Azurite this script started, so the app never
# runs against a storage emulator that is gone, and nothing is left listening. For that the app
# is the built executable itself, a direct child of this script (not under `dotnet run`), and
# Azurite runs in a process group of its own so that the terminal's Ctrl-C does not reach it.
set -euo pipefail
cd "$(dirname "$0")"

app_project=functions/Workflows.LocalHost # the app's project folder
app_url=http://localhost:7071
app_stop_seconds=7     # then KILL; with Azurite's, the whole stop stays within 10 s
azurite_stop_seconds=2 # then KILL

azurite_ports=(10000 10001 10002)
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_listening() {
  local port
  for port in "${azurite_ports[@]}"; do listening "$port" || return 1; done
}

azurite_pid="" app_pid=""
# stop <name> <pid> <seconds>: TERM, then KILL if it still runs after that many seconds.
stop() {
  local name=$1 pid=$2 ticks=$(($3 * 10))
  echo "Stopping $name (pid $pid)" 2>/dev/null
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do # bash reaps its children as they end
    if ((ticks-- <= 0)); then
      echo "$name did not stop within $3 s: killing it" >&2 2>/dev/null
      kill -KILL "$pid" 2>/dev/null
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null
}
cleanup() {
  # Runs once, on every way out; a second Ctrl-C must not cut it short (it takes at most ~9 s),
  # nor a closed terminal or a reader gone (`./run.sh | tee run.log`: tee ends on Ctrl-C too).
  trap '' INT QUIT TERM HUP PIPE
  trap - EXIT
  set +e
  [[ -z $app_pid ]] || stop "the app" "$app_pid" "$app_stop_seconds"
  [[ -z $azurite_pid ]] || stop Azurite "$azurite_pid" "$azurite_stop_seconds" # Azurite flushes its files on TERM
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 131' QUIT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

if listening "${app_url##*:}"; then
  echo "Port ${app_url##*:} is in use: stop whatever holds it (an app started before?)" >&2
  exit 1
fi

if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

# Built here, then run directly: without build servers, which would outlive this script.
dotnet build "$app_project" -c Release --nologo --disable-build-servers
app_dll=$(dotnet msbuild "$app_project" -nologo -getProperty:TargetPath -p:Configuration=Release)

if all_listening; then
  echo "Using the Azurite already listening on ports ${azurite_ports[*]}"
else
  for port in "${azurite_ports[@]}"; do
    if listening "$port"; then
      echo "Port $port is in use but not all of ${azurite_ports[*]} are: stop whatever holds it" >&2
      exit 1
    fi
  done
  mkdir -p .data/azurite
  # Job control for this one command only: Azurite gets a process group of its own, outside the
  # terminal's foreground group, so Ctrl-C reaches this script (which stops the app first) and
  # not Azurite; cleanup stops it.
  set -m
  node_modules/.bin/azurite --location .data/azurite --skipApiVersionCheck --disableProductStyleUrl \
    --loose --disableTelemetry </dev/null >.data/azurite.log 2>&1 &
  azurite_pid=$!
  set +m
  echo "Started Azurite (pid $azurite_pid), log in .data/azurite.log"
  for _ in $(seq 120); do
    all_listening && break
    if ! kill -0 "$azurite_pid" 2>/dev/null; then
      azurite_pid=""
      echo "Azurite exited:" >&2
      cat .data/azurite.log >&2
      exit 1
    fi
    sleep 0.5
  done
  all_listening || { echo "Azurite did not listen within 60 s, see .data/azurite.log" >&2; exit 1; }
fi

export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
echo "Starting the app on $app_url (Ctrl-C stops it)"
# In the background plus `wait`, because bash runs traps only after a foreground child ends:
# this way Ctrl-C or kill reaches cleanup at once. The app starts with SIGINT ignored (bash does
# that for background commands of a script), so the terminal's Ctrl-C leaves its stopping to
# cleanup, in order. It runs in the project folder, its content root (as under `dotnet run`).
(cd "$app_project" && exec dotnet "$app_dll" --urls "$app_url") &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
