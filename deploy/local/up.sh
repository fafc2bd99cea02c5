#!/usr/bin/env bash
# Brings the whole of Zun up on this machine with one command: the services it needs (RabbitMQ,
# Docker, a local registry; see services.sh), a Release build, then one conductor, one worker and zun-api,
# detached, each with a log, a pid file and a readiness file in the run directory (<repo>/.run,
# or $ZUN_RUN_DIR). Returns once all are ready and the API answers. deploy/local/down.sh stops them again.
#
# Settings come from the environment as usual and pass straight through, e.g.
#   Zun__Worker__Host=node1 deploy/local/up.sh
# except the broker URL: each process signs in as the RabbitMQ user of its role, which services.sh makes (conductor and
# zun-api as zun-service, the worker as zun-host), on ZUN_RABBITMQ_ADDR (default 127.0.0.1:5672).
# ZUN_READY_TIMEOUT (seconds, default 60) bounds the wait for each process.
# ZUN_AUTH=keystone makes zun-api validate tokens against the local Keystone (services.sh starts it and makes
# Zun's service user); the default, noauth, authenticates nothing and suits one machine only.
# ZUN_ENGINES=N (default 0) makes this machine N more Docker hosts: engines.sh starts N extra dockerd engines and one
# more worker runs per engine, worker-e<i>, as host <worker's host>-e<i> (Zun__Worker__Host, else the machine's name)
# on engine e<i>. ZUN_ENGINE_ZONES (space separated, one per engine) sets their availability zones; an engine without
# one gets the zone the environment gives (Zun__Worker__AvailabilityZone, else the worker's default).
set -euo pipefail

# shellcheck source=deploy/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

READY_TIMEOUT=${ZUN_READY_TIMEOUT:-60}
AUTH=${ZUN_AUTH:-noauth}
[[ $AUTH == noauth || $AUTH == keystone ]] || { printf '[up] ZUN_AUTH must be noauth or keystone, got %s\n' "$AUTH"; exit 2; }
KEYSTONE_CREDENTIALS="${ZUN_STATE_DIR:-/var/lib/zun-local}/keystone/credentials.env"
RABBITMQ_CREDENTIALS="${ZUN_STATE_DIR:-/var/lib/zun-local}/rabbitmq/credentials.env"
RABBITMQ_ADDR=${ZUN_RABBITMQ_ADDR:-127.0.0.1:5672}
ENGINES=${ZUN_ENGINES:-0}
[[ $ENGINES =~ ^[0-9]+$ ]] || { printf '[up] ZUN_ENGINES must be a number of engines, got %s\n' "$ENGINES"; exit 2; }
read -r -a ENGINE_ZONES <<<"${ZUN_ENGINE_ZONES:-}"
MAIN_HOST=${Zun__Worker__Host:-$(hostname)}

# In start order: PROCESSES with the extra workers right after the main one (down.sh stops them before it).
NAMES=()
for name in "${PROCESSES[@]}"; do
  NAMES+=("$name")
  if [[ $name == worker ]]; then
    for ((i = 1; i <= ENGINES; i++)); do NAMES+=("worker-e$i"); done
  fi
done

# broker_url <name>: the process's broker URL, as the user of its role (the worker is a host, the others services).
broker_url() {
  # shellcheck disable=SC1090
  source "$RABBITMQ_CREDENTIALS"
  if [[ $(program "$1") == worker ]]; then
    printf 'amqp://%s:%s@%s/' "$RABBITMQ_HOST_USER" "$RABBITMQ_HOST_PASSWORD" "$RABBITMQ_ADDR"
  else
    printf 'amqp://%s:%s@%s/' "$RABBITMQ_SERVICE_USER" "$RABBITMQ_SERVICE_PASSWORD" "$RABBITMQ_ADDR"
  fi
}

# keystone_settings: zun-api's Keystone settings, from what services.sh made; only zun-api gets the password.
keystone_settings() {
  # shellcheck disable=SC1090
  source "$KEYSTONE_CREDENTIALS"
  export Zun__Api__Auth=keystone Zun__Api__Keystone__Url=$KEYSTONE_URL Zun__Api__Keystone__Username=zun \
    Zun__Api__Keystone__Password=$KEYSTONE_ZUN_PASSWORD Zun__Api__Keystone__Project=service
}

log() { printf '[up] %s\n' "$*"; }

show_log_tail() { # show_log_tail <name>
  local file; file=$(log_file "$1")
  log "last 30 lines of $file:"
  tail -n 30 "$file" 2>/dev/null | sed 's/^/    /' || true
}

# start <name>: launches zun-<name>.dll detached and records its pid (also left in $started_pid).
start() {
  local name=$1 dll dir
  dll=$(dll_path "$name")
  [[ -f $dll ]] || { log "$name: $dll not found after the build"; exit 1; }
  dir=$(dirname "$dll")
  # A process that was SIGKILLed leaves its readiness file behind; it must not count as ready.
  rm -f "$(ready_file "$name")"
  # Keep the previous run's log for post-mortems instead of appending to it, so that the tail
  # shown on failure is this run's.
  if [[ -f $(log_file "$name") ]]; then mv -f "$(log_file "$name")" "$(log_file "$name").1"; fi

  # - cd to the output directory: the generic host reads appsettings.json from its content root,
  #   which is the working directory, not the dll's directory.
  # - exec all the way down, so the background job's pid *is* the dotnet process: setsid only
  #   forks when it is a process group leader, which a background subshell of a script is not,
  #   and `dotnet x.dll` runs the app in-process. (The pid is double-checked against the one the
  #   process writes into its readiness file.)
  # - setsid + stdin from /dev/null: no controlling terminal, so closing the terminal (SIGHUP) or
  #   Ctrl-C in it does not reach the process, and it never waits on input.
  # - The dll is run directly rather than through `dotnet run`, which would be a parent process
  #   whose pid is not the service's and which might rebuild.
  (
    cd "$dir"
    export Zun__Readiness__File Zun__RabbitMq__Url
    Zun__Readiness__File=$(ready_file "$name")
    Zun__RabbitMq__Url=$(broker_url "$name")
    # The conductor's SQLite store lives with the other run files, not in the build output,
    # unless the operator chose a store.
    if [[ $name == conductor ]]; then
      export Zun__Store__Sqlite__Path=${Zun__Store__Sqlite__Path:-$RUN_DIR/zun-conductor.db}
    fi
    if [[ $name == api && $AUTH == keystone ]]; then keystone_settings; fi
    # An extra worker is a host of its own on its own engine; its receive endpoint follows from its host name
    # even when the main worker's is set.
    if [[ $name =~ ^worker-e([0-9]+)$ ]]; then
      local i=${BASH_REMATCH[1]}
      export Zun__Worker__Host=$MAIN_HOST-e$i
      Zun__Docker__Endpoint=$(bash "$REPO_ROOT/deploy/local/engines.sh" endpoint "$i")
      export Zun__Docker__Endpoint
      if [[ -n ${ENGINE_ZONES[i - 1]:-} ]]; then export Zun__Worker__AvailabilityZone=${ENGINE_ZONES[i - 1]}; fi
      unset Zun__Worker__Endpoint
    fi
    exec setsid dotnet "$dll" </dev/null >"$(log_file "$name")" 2>&1
  ) &
  started_pid=$!
  printf '%s\n' "$started_pid" >"$(pid_file "$name")"
  log "$name: started (pid $started_pid)"
}

# wait_ready <name> <pid>: waits until <name> has written its readiness file (bus started, endpoints
# bound; for the worker also its first heartbeat published). Exits non-zero when the process dies
# first or the timeout passes, showing the end of its log.
wait_ready() {
  local name=$1 pid=$2 ready written="" deadline=$((SECONDS + READY_TIMEOUT))
  ready=$(ready_file "$name")
  while ((SECONDS < deadline)); do
    if [[ -s $ready ]]; then
      read -r written <"$ready" || true
      # The process writes its own pid into the file: trust that over $! should they differ.
      if [[ -n $written && $written != "$pid" ]] && is_zun_process "$written" "$name"; then
        log "$name: pid file said $pid, readiness file says $written; using $written"
        pid=$written
        printf '%s\n' "$pid" >"$(pid_file "$name")"
      fi
      log "$name: ready (pid $pid)"
      return 0
    fi
    # By pid, not by command line: right after the fork the child still looks like this script.
    if ! is_alive "$pid"; then
      local status=0
      wait "$pid" 2>/dev/null || status=$?   # our child when we started it: collect its exit status
      log "$name: exited (status $status) before it became ready"
      show_log_tail "$name"
      rm -f "$(pid_file "$name")"
      exit 1
    fi
    sleep 0.5
  done
  log "$name: not ready after ${READY_TIMEOUT}s; it is still running as pid $pid (deploy/local/down.sh stops it)"
  show_log_tail "$name"
  exit 1
}

# wait_answering <seconds>: waits until zun-api answers its healthcheck on $API_LISTEN.
wait_answering() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    if curl -fsS -o /dev/null "$API_LISTEN/healthcheck" 2>/dev/null; then
      log "api: answering on $API_LISTEN"
      return 0
    fi
    sleep 0.5
  done
  log "api: ready but not answering on $API_LISTEN after $1 s (is Zun__Api__Listen reachable from here?)"
  show_log_tail api
  exit 1
}

command -v dotnet >/dev/null || { log "dotnet (the .NET 10 SDK) is not on PATH"; exit 1; }

# Idempotent: installs what is missing and starts only services that do not answer yet.
bash "$REPO_ROOT/deploy/local/services.sh"
# Idempotent too: engines already running are kept.
if ((ENGINES)); then bash "$REPO_ROOT/deploy/local/engines.sh" start "$ENGINES"; fi

mkdir -p "$RUN_DIR"

to_start=()
for name in "${NAMES[@]}"; do
  if pid=$(running_pid "$name"); then
    log "$name: already running (pid $pid); not starting a second one"
  else
    to_start+=("$name")
  fi
done

# Build only when something is to be started: rebuilding would overwrite the dlls under running
# processes. (To run changed code, down.sh first.)
if ((${#to_start[@]})); then
  log "building Zun.sln ($CONFIGURATION)"
  dotnet build "$REPO_ROOT/Zun.sln" -c "$CONFIGURATION" -nologo
fi

# One at a time, conductor first: the worker's first heartbeat should find the conductor's
# endpoints already bound.
for name in "${NAMES[@]}"; do
  if [[ " ${to_start[*]} " == *" $name "* ]]; then
    start "$name"
    wait_ready "$name" "$started_pid"
  else
    wait_ready "$name" "$(running_pid "$name")"
  fi
done

wait_answering "$READY_TIMEOUT"

log "Zun is up. Run directory: $RUN_DIR"
for name in "${NAMES[@]}"; do
  printf '  %-10s pid %-8s log %s  pid file %s\n' \
    "$name" "$(running_pid "$name")" "$(log_file "$name")" "$(pid_file "$name")"
done
if [[ $AUTH == keystone ]]; then
  log "REST API: $API_LISTEN/v1, Keystone tokens required (admin's password: KEYSTONE_ADMIN_PASSWORD in $KEYSTONE_CREDENTIALS)"
else
  log "REST API: $API_LISTEN/v1  (openstack --os-auth-type none --os-endpoint $API_LISTEN/v1 appcontainer list)"
fi
log "stop with: $REPO_ROOT/deploy/local/down.sh"
