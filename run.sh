#!/usr/bin/env bash
# The README's run command: the app on http://localhost:7071 against a local Azurite
# (ARCHITECTURE §7). Reuses an Azurite already listening on 10000-10002, otherwise starts
# one from node_modules with its data in .data/azurite, and stops only that one on exit.
set -euo pipefail
cd "$(dirname "$0")"

azurite_ports=(10000 10001 10002)
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_listening() {
  local port
  for port in "${azurite_ports[@]}"; do listening "$port" || return 1; done
}

if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

azurite_pid="" app_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [[ -n $app_pid ]]; then
    kill -TERM "$app_pid" 2>/dev/null || true # dotnet run forwards this to the app
    wait "$app_pid" 2>/dev/null || true
  fi
  if [[ -n $azurite_pid ]]; then
    echo "Stopping Azurite (pid $azurite_pid)"
    kill -TERM "$azurite_pid" 2>/dev/null || true # Azurite flushes its files on TERM
    wait "$azurite_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
  node_modules/.bin/azurite --location .data/azurite --skipApiVersionCheck --disableProductStyleUrl \
    --loose --disableTelemetry >.data/azurite.log 2>&1 &
  azurite_pid=$!
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
echo "Starting the app on http://localhost:7071 (Ctrl-C stops it)"
# In the background plus `wait`, because bash runs traps only after a foreground child ends:
# this way Ctrl-C or kill reaches cleanup at once.
dotnet run --project functions/Workflows.Functions -c Release -- --urls http://localhost:7071 &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
