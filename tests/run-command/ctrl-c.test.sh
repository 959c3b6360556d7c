#!/usr/bin/env bash
# The run command stops on Ctrl-C. Starts ./run.sh in a process group of its own, as a terminal runs a
# foreground command, waits until /healthz answers 200, then sends SIGINT to the whole group (what Ctrl-C
# does) and checks that within 10 s no process of that group (nor of its session) is left, the Azurite
# run.sh started has ended, and nothing listens on 7071 or 10000-10002. Needs those ports free (it uses the repository's
# .data, like ./run.sh). Prints one line, "ctrl-c: ok ..." or "ctrl-c: FAIL: <reason>" (details on
# stderr), and exits 0 or 1. Whatever it started is killed on the way out.
set -uo pipefail
cd "$(dirname "$0")/../.."

ports=(7071 10000 10001 10002)
startup_seconds=${RUN_COMMAND_TEST_STARTUP_SECONDS:-180} # the first run builds the app (Release)
stop_seconds=10

log="" pgid="" azurite_pid="" passed=""

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; } # seconds since $1
before() { awk -v d="$1" -v t="$(now)" 'BEGIN { exit !(t < d) }'; }      # is it before deadline $1?
after() { awk -v a="$1" -v s="$2" 'BEGIN { printf "%.3f", a + s }'; }    # $1 plus $2 seconds

# listening <port>: something accepts connections on it (IPv4 or IPv6 loopback).
listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null
}
listening_ports() {
  local port
  for port in "${ports[@]}"; do listening "$port" && printf '%s ' "$port"; done
  return 0
}
# state_and_group <pid>: "<state> <process group>" of a process, nothing if it is gone.
state_and_group() {
  local stat fields
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 0
  read -ra fields <<<"${stat##*) }" # state ppid pgrp session ...
  echo "${fields[0]} ${fields[2]}"
}
# alive <pid>: the process exists and is not a zombie.
alive() { [[ $(state_and_group "$1") == [!Z]* ]]; }
# members: the live processes of run.sh's process group, and of its session (where Azurite has a
# group of its own), one "pid command" a line.
members() {
  local f stat fields
  for f in /proc/[0-9]*/stat; do
    read -r stat 2>/dev/null <"$f" || continue
    read -ra fields <<<"${stat##*) }" # state ppid pgrp session ...
    [[ ${fields[0]} != Z && (${fields[2]} == "$pgid" || ${fields[3]} == "$pgid") ]] || continue
    f=${f%/stat}
    echo "${f#/proc/} $(tr '\0' ' ' 2>/dev/null <"$f/cmdline" | cut -c1-160)"
  done
}
details() {
  {
    local left
    left=$([[ -n $pgid ]] && members)
    [[ -z $left ]] || printf 'left in the process group or session:\n%s\n' "$left"
    [[ -z $azurite_pid ]] || ! alive "$azurite_pid" || echo "Azurite (pid $azurite_pid) still runs"
    if [[ -n $log ]]; then
      echo "run.sh output ($log), last lines:"
      tail -n 40 "$log"
    fi
  } >&2
}
fail() {
  echo "ctrl-c: FAIL: $*"
  details
  exit 1
}
# signal_run <signal>: sends it to whatever of the run is left (its process group and session, where
# Azurite has a group of its own); false if nothing is.
signal_run() {
  local pid _ any=1
  while read -r pid _; do kill "-$1" "$pid" 2>/dev/null && any=0; done < <(members)
  if [[ -n $azurite_pid ]] && alive "$azurite_pid"; then kill "-$1" "$azurite_pid" 2>/dev/null && any=0; fi
  return "$any"
}
run_left() { [[ -n $(members) ]] || { [[ -n $azurite_pid ]] && alive "$azurite_pid"; }; }
cleanup() { # TERM (Azurite keeps its files whole), then KILL after 2 s
  trap '' INT TERM HUP
  local i
  if [[ -n $pgid ]] && signal_run TERM; then
    for i in {1..20}; do
      run_left || break
      sleep 0.1
    done
    signal_run KILL
  fi
  if [[ -n $passed && -n $log ]]; then rm -f "$log"; fi
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM HUP

command -v curl >/dev/null || fail "needs curl"
command -v setsid >/dev/null || fail "needs setsid (util-linux)"
env --default-signal=INT true 2>/dev/null || fail "needs env --default-signal (GNU coreutils 8.31 or later)"
busy=$(listening_ports)
[[ -z $busy ]] || fail "port(s) ${busy% } already in use (a running ./run.sh or Azurite?): stop it first; this test needs ${ports[*]} free"

log=$(mktemp "${TMPDIR:-/tmp}/run-command-ctrl-c.XXXXXX")
# A session and process group of its own (setsid: run.sh leads both, so its pid is the group id), with
# SIGINT at its default disposition (bash starts background commands with it ignored), as a terminal
# starts a foreground command; and with .NET's build servers as a new user has them (CI machines
# often turn them off), since those would outlive the run in its process group.
setsid env --default-signal=INT -u MSBUILDDISABLENODEREUSE -u DOTNET_CLI_USE_MSBUILD_SERVER -u UseSharedCompilation \
  ./run.sh </dev/null >"$log" 2>&1 &
pgid=$!

started=$(now)
deadline=$(after "$started" "$startup_seconds")
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://localhost:7071/healthz) == 200 ]]; do
  alive "$pgid" || fail "run.sh ended before /healthz answered 200"
  before "$deadline" || fail "/healthz did not answer 200 within $startup_seconds s"
  sleep 0.5
done
healthy=$(elapsed "$started")
[[ $(state_and_group "$pgid") == *" $pgid" ]] ||
  fail "run.sh (pid $pgid) does not lead its own process group"
azurite_pid=$(sed -n 's/^Started Azurite (pid \([0-9]*\)).*/\1/p' "$log" | head -n 1)
[[ -n $azurite_pid ]] || fail "run.sh did not say it started Azurite"

kill -INT -- "-$pgid" # Ctrl-C
sent=$(now)
deadline=$(after "$sent" "$stop_seconds")
while :; do
  left=$(members) busy=$(listening_ports) azurite=""
  alive "$azurite_pid" && azurite="Azurite (pid $azurite_pid) still runs"
  [[ -n $left || -n $busy || -n $azurite ]] || break
  if ! before "$deadline"; then
    reasons=()
    [[ -z $left ]] || reasons+=("$(wc -l <<<"$left") process(es) of its process group or session still run")
    [[ -z $azurite ]] || reasons+=("$azurite")
    [[ -z $busy ]] || reasons+=("port(s) ${busy% } still listening")
    fail "$stop_seconds s after SIGINT: $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')"
  fi
  sleep 0.1
done
passed=1
echo "ctrl-c: ok (everything stopped $(elapsed "$sent") s after SIGINT; /healthz answered $healthy s after the start)"
