#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, and only that: the processes named by the pid files in
# the run directory (<repo>/.run, or $ZUN_RUN_DIR). RabbitMQ, Docker and the registry keep
# running (other checkouts and the tests use them). Idempotent: nothing running is not an error.
# The extra workers of ZUN_ENGINES (worker-e<i>, any with a pid file) stop before the main worker, and then the extra
# engines engines.sh started (ZUN_ENGINES, ZUN_ENGINE_ZONES: see up.sh), whatever ZUN_ENGINES says now.
# ZUN_STOP_TIMEOUT (seconds, default 30) is how long a process gets to shut down after SIGTERM.
set -euo pipefail

# shellcheck source=deploy/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STOP_TIMEOUT=${ZUN_STOP_TIMEOUT:-30}

log() { printf '[down] %s\n' "$*"; }

# wait_gone <pid> <name> <seconds>: true once the process has exited.
wait_gone() {
  local deadline=$((SECONDS + $3))
  while is_zun_process "$1" "$2"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# stop <name>
stop() {
  local name=$1 pid
  if pid=$(running_pid "$name"); then
    # SIGTERM lets the host stop the bus cleanly (consumers finish, the worker's endpoint is
    # released); the host's own shutdown timeout is 30 s, hence the default wait.
    log "$name: stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    if wait_gone "$pid" "$name" "$STOP_TIMEOUT"; then
      log "$name: stopped"
    else
      log "$name: still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" "$name" 10 || { log "$name: pid $pid survived SIGKILL"; return 1; }
      log "$name: killed"
    fi
  elif [[ -f $(pid_file "$name") ]]; then
    log "$name: not running (removing stale pid file)"
  else
    log "$name: not running"
  fi
  # A graceful stop deletes the readiness file itself; after SIGKILL or a crash it is stale.
  rm -f "$(pid_file "$name")" "$(ready_file "$name")"
}

# extra_workers: the worker-e<i> that have a pid file, in order.
extra_workers() {
  local file name
  for file in "$RUN_DIR"/worker-e*.pid; do
    [[ -f $file ]] || continue
    name=${file##*/}; name=${name%.pid}
    [[ $name =~ ^worker-e[0-9]+$ ]] && printf '%s\n' "$name"
  done | sort -V
}

status=0
for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do
  if [[ ${PROCESSES[i]} == worker ]]; then
    while read -r name; do stop "$name" || status=1; done < <(extra_workers)
  fi
  stop "${PROCESSES[i]}" || status=1
done
if compgen -G "$RUN_DIR/engines/e*/engine.pid" >/dev/null; then
  bash "$REPO_ROOT/deploy/local/engines.sh" stop || status=1
fi
exit "$status"
