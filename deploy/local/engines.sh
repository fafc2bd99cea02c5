#!/usr/bin/env bash
# Runs extra real Docker engines on this machine beside the main one, so that one machine can be several
# Docker hosts (up.sh starts one worker per engine when ZUN_ENGINES=N). Needs root (dockerd, ip).
#
#   engines.sh start N     starts engines e1..eN; those already running are kept, not started twice
#   engines.sh stop        stops the engines it started (by the pid in engine.pid) and removes their bridges
#   engines.sh status      lists the engines with running/stopped
#   engines.sh endpoint I  prints engine I's endpoint, unix://<run dir>/engines/eI/docker.sock
#
# Engine i lives in <run dir>/engines/e<i>/ (data, exec, docker.pid, docker.sock, dockerd.log, engine.pid), has
# a bridge of its own, zunbr-e<i> on 10.252.<100+i>.1/24, and no iptables rules. Never `--bridge none`: that deletes
# the main engine's docker0 at start, and every container start on the main engine then fails until it is restarted.
# ZUN_READY_TIMEOUT (seconds, default 60) bounds the wait for each engine to answer; ZUN_STOP_TIMEOUT (default 30)
# is how long one gets after SIGTERM. ZUN_ENGINE_PULL (space separated, default none) lists images each engine
# pulls once it answers, e.g. ZUN_ENGINE_PULL=127.0.0.1:5000/busybox:latest (from the local registry).
set -euo pipefail

# shellcheck source=deploy/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

READY_TIMEOUT=${ZUN_READY_TIMEOUT:-60}
STOP_TIMEOUT=${ZUN_STOP_TIMEOUT:-30}
ENGINES_DIR=$RUN_DIR/engines
DOCKER=/usr/bin/docker   # the engine's own client, as in services.sh; another one on PATH may speak a newer API
[[ -x $DOCKER ]] || DOCKER=docker

log() { printf '[engines] %s\n' "$*"; }

usage() {
  printf 'usage: %s start N | stop | status | endpoint I\n' "$0" >&2
  exit 2
}

engine_dir() { printf '%s/e%s\n' "$ENGINES_DIR" "$1"; }
engine_bridge() { printf 'zunbr-e%s\n' "$1"; }
engine_endpoint() { printf 'unix://%s/docker.sock\n' "$(engine_dir "$1")"; }

# is_engine <pid> <i>: true when <pid> is alive and is the dockerd of engine <i>. Checking the command line for
# dockerd and the engine's own pid file means a reused pid (or the main engine) is never signalled.
is_engine() {
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmdline == *dockerd* && $cmdline == *"--pidfile $(engine_dir "$2")/docker.pid "* ]]
}

# engine_pid <i>: prints the pid from engine <i>'s engine.pid if that is still its dockerd.
engine_pid() {
  local file pid=""
  file=$(engine_dir "$1")/engine.pid
  [[ -f $file ]] || return 1
  read -r pid <"$file" || true
  is_engine "$pid" "$1" || return 1
  printf '%s\n' "$pid"
}

# known_engines: the numbers of the engines that have a directory, in order.
known_engines() {
  local dir
  for dir in "$ENGINES_DIR"/e*; do
    [[ -d $dir && ${dir##*/e} =~ ^[0-9]+$ ]] && printf '%s\n' "${dir##*/e}"
  done | sort -n
}

answers() { "$DOCKER" -H "$(engine_endpoint "$1")" version >/dev/null 2>&1; }

show_log_tail() { # show_log_tail <i>
  local file; file=$(engine_dir "$1")/dockerd.log
  log "last 30 lines of $file:"
  tail -n 30 "$file" 2>/dev/null | sed 's/^/    /' || true
}

# make_bridge <i>: the engine's own bridge, made before the engine starts; steps already done are skipped.
make_bridge() {
  local bridge address
  bridge=$(engine_bridge "$1")
  address=10.252.$((100 + $1)).1/24
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  ip -4 addr show dev "$bridge" | grep -qF " $address " || ip addr add "$address" dev "$bridge"
  ip link set "$bridge" up
}

# start_engine <i>: launches engine <i>'s dockerd detached and records its pid in engine.pid.
start_engine() {
  local i=$1 dir pid
  dir=$(engine_dir "$i")
  mkdir -p "$dir/data" "$dir/exec"
  make_bridge "$i"
  # Keep the previous run's log for post-mortems, so that the tail shown on failure is this run's.
  if [[ -f $dir/dockerd.log ]]; then mv -f "$dir/dockerd.log" "$dir/dockerd.log.1"; fi
  # exec all the way down, as up.sh does, so the background job's pid is dockerd's own; setsid and stdin from
  # /dev/null so that the terminal's SIGHUP or Ctrl-C does not reach it.
  (
    exec setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
      -H "unix://$dir/docker.sock" --bridge "$(engine_bridge "$i")" --iptables=false --ip-masq=false \
      </dev/null >"$dir/dockerd.log" 2>&1
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$dir/engine.pid"
  log "e$i: started (pid $pid)"
}

# wait_answering <i>: waits until engine <i> answers on its socket. Exits non-zero when it dies first or the
# timeout passes, showing the end of its log.
wait_answering() {
  local i=$1 pid deadline=$((SECONDS + READY_TIMEOUT))
  read -r pid <"$(engine_dir "$i")/engine.pid"
  while ((SECONDS < deadline)); do
    if answers "$i"; then log "e$i: answering"; return 0; fi
    # By pid, not by command line: right after the fork the child still looks like this script.
    if ! is_alive "$pid"; then
      local status=0
      wait "$pid" 2>/dev/null || status=$?
      log "e$i: dockerd exited (status $status) before it answered"
      show_log_tail "$i"
      exit 1
    fi
    sleep 0.5
  done
  log "e$i: not answering after ${READY_TIMEOUT}s; it is still running as pid $pid (engines.sh stop stops it)"
  show_log_tail "$i"
  exit 1
}

pull_images() { # pull_images <i>
  local image
  for image in ${ZUN_ENGINE_PULL:-}; do
    "$DOCKER" -H "$(engine_endpoint "$1")" pull -q "$image" >/dev/null \
      || { log "e$1: could not pull $image"; exit 1; }
    log "e$1: pulled $image"
  done
}

cmd_start() {
  local count=$1 i pid started=() kept=0
  [[ $count =~ ^[0-9]+$ ]] || usage
  command -v dockerd >/dev/null || { log "dockerd is not on PATH (deploy/local/services.sh installs it)"; exit 1; }
  mkdir -p "$ENGINES_DIR"
  for ((i = 1; i <= count; i++)); do
    if pid=$(engine_pid "$i"); then
      log "e$i: already running (pid $pid); not starting a second one"
      kept=$((kept + 1))
    else
      start_engine "$i"
      started+=("$i")
    fi
  done
  for ((i = 1; i <= count; i++)); do
    wait_answering "$i"
    # Only the freshly started ones: the others have their images already.
    if [[ " ${started[*]} " == *" $i "* ]]; then pull_images "$i"; fi
  done
  log "$count engine(s) up ($kept already running, ${#started[@]} started). Run directory: $ENGINES_DIR"
  for ((i = 1; i <= count; i++)); do
    printf '  %-5s pid %-8s endpoint %s\n' "e$i" "$(engine_pid "$i")" "$(engine_endpoint "$i")"
  done
}

# wait_gone <pid> <i> <seconds>: true once engine <i>'s dockerd has exited.
wait_gone() {
  local deadline=$((SECONDS + $3))
  while is_engine "$1" "$2"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# leftovers <i>: pids of processes of engine <i> that outlived its dockerd (after a SIGKILL): its containerd and
# shims, found by their command line naming the engine's own exec root, after the shims' children (the containers'
# first processes, whose end ends their containers), so that killing a shim leaves no container behind.
leftovers() {
  local proc cmdline stat exec_root ours=() children=()
  exec_root=$(engine_dir "$1")/exec/
  for proc in /proc/[0-9]*; do
    cmdline=$(tr '\0' ' ' 2>/dev/null <"$proc/cmdline") || continue
    [[ $cmdline == *"$exec_root"* ]] && ours+=("${proc#/proc/}")
  done
  ((${#ours[@]})) || return 0
  for proc in /proc/[0-9]*; do
    stat=$(cat 2>/dev/null "$proc/stat") || continue
    stat=${stat##*) }            # after "pid (comm) ", comm being free text: state, then the parent's pid
    stat=${stat#* }
    [[ " ${ours[*]} " == *" ${stat%% *} "* && " ${ours[*]} " != *" ${proc#/proc/} "* ]] && children+=("${proc#/proc/}")
  done
  printf '%s\n' "${children[@]}" "${ours[@]}"
}

stop_engine() { # stop_engine <i>
  local i=$1 dir pid bridge rest=() status=0
  dir=$(engine_dir "$i")
  if pid=$(engine_pid "$i"); then
    # SIGTERM lets dockerd stop its containers and its containerd and unmount its layers.
    log "e$i: stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    if wait_gone "$pid" "$i" "$STOP_TIMEOUT"; then
      log "e$i: stopped"
    else
      log "e$i: still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" "$i" 10 || { log "e$i: pid $pid survived SIGKILL"; return 1; }
      log "e$i: killed"
    fi
  elif [[ -f $dir/engine.pid ]]; then
    log "e$i: not running (removing stale pid file)"
  else
    log "e$i: not running"
  fi
  # A dockerd of this engine that engine.pid does not name (the file lost or overwritten) is left alone, and so is
  # what belongs to it.
  read -r pid 2>/dev/null <"$dir/docker.pid" || pid=""
  if is_engine "$pid" "$i"; then
    log "e$i: a dockerd not named by engine.pid runs as pid $pid (see $dir/docker.pid); not touching it"
    return 1
  fi
  mapfile -t rest < <(leftovers "$i")
  if ((${#rest[@]})); then
    log "e$i: killing what its dockerd left behind: pids ${rest[*]}"
    kill -KILL "${rest[@]}" 2>/dev/null || true
  fi
  # Layers dockerd had no chance to unmount (after SIGKILL); deepest first.
  awk -v root="$dir/" 'index($5, root) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r mount; do
    umount -l "$mount" 2>/dev/null || true
  done
  rm -f "$dir/engine.pid"
  bridge=$(engine_bridge "$i")
  if ip link show "$bridge" >/dev/null 2>&1; then
    ip link delete "$bridge" || status=1
    log "e$i: removed bridge $bridge"
  fi
  return "$status"
}

cmd_stop() {
  local i status=0 any=0
  while read -r i; do
    any=1
    stop_engine "$i" || status=1
  done < <(known_engines)
  ((any)) || log "no engines in $ENGINES_DIR"
  return "$status"
}

cmd_status() {
  local i pid any=0
  while read -r i; do
    any=1
    if pid=$(engine_pid "$i"); then
      printf '  %-5s running  pid %-8s endpoint %s\n' "e$i" "$pid" "$(engine_endpoint "$i")"
    else
      printf '  %-5s stopped  %-12s endpoint %s\n' "e$i" "" "$(engine_endpoint "$i")"
    fi
  done < <(known_engines)
  ((any)) || log "no engines in $ENGINES_DIR"
}

case ${1:-} in
  start) (($# == 2)) || usage; cmd_start "$2" ;;
  stop) (($# == 1)) || usage; cmd_stop ;;
  status) (($# == 1)) || usage; cmd_status ;;
  endpoint) (($# == 2)) || usage; [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; engine_endpoint "$2" ;;
  *) usage ;;
esac
