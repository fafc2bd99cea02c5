#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this one machine, for trying and testing Zun against the production broker's
# shape (quorum queues replicated on three nodes, clients failing over between them). The nodes are extra Erlang
# nodes of Debian's rabbitmq-server, with their own names, ports and data, joined to each other: the machine's main
# node (rabbit@host on 5672, which other checkouts and the tests use) is never touched.
#
#   rabbitmq-cluster.sh up              start the three nodes (the first run creates and joins them), wait until all
#                                       run and are clustered, print their addresses
#   rabbitmq-cluster.sh status          what runs, and the cluster as node 1 sees it
#   rabbitmq-cluster.sh down            stop the nodes; their data stays, so `up` brings the same cluster back
#   rabbitmq-cluster.sh clean           down, then remove every node's data and logs
#   rabbitmq-cluster.sh stop-node N     stop node N (1-3) alone, as a fault to ride out
#   rabbitmq-cluster.sh start-node N    start node N again; it rejoins the cluster by itself
#
# Every command is idempotent. Node N is rabbit-zcN@<short host name>, AMQP on 127.0.0.1:$((5680+N)), management on
# 127.0.0.1:$((15680+N)), Erlang distribution on $((25680+N)); ZUN_CLUSTER_BASE_PORT moves all three (default 5680).
# Data and logs live under $ZUN_CLUSTER_DIR (default /var/lib/zun-local/rabbitmq-cluster). Needs root and the
# rabbitmq-server package (deploy/local/services.sh installs it); guest/guest works, from loopback only.
set -euo pipefail

CLUSTER_DIR=${ZUN_CLUSTER_DIR:-/var/lib/zun-local/rabbitmq-cluster}
BASE_PORT=${ZUN_CLUSTER_BASE_PORT:-5680}
# Nodes restarted over their data wait for each other's Mnesia tables (30 s a try, RabbitMQ's default of 10 tries);
# on a loaded machine that once took over 120 s for all three (the suite's other projects running beside them).
START_TIMEOUT=${ZUN_CLUSTER_START_TIMEOUT:-300}
NODES=(1 2 3)
SHORT_HOST=$(hostname -s)

log() { printf '[rabbitmq-cluster %(%T)T] %s\n' -1 "$*"; }
fail() { log "$*"; exit 1; }

node_name() { printf 'rabbit-zc%s@%s\n' "$1" "$SHORT_HOST"; }
amqp_port() { printf '%s\n' $((BASE_PORT + $1)); }
management_port() { printf '%s\n' $((BASE_PORT + 10000 + $1)); }
dist_port() { printf '%s\n' $((BASE_PORT + 20000 + $1)); }
node_dir() { printf '%s/zc%s\n' "$CLUSTER_DIR" "$1"; }

# The server and rabbitmqctl run as the rabbitmq user with its home, so every node shares its Erlang cookie.
ctl() { HOME=/var/lib/rabbitmq rabbitmqctl -q -n "$(node_name "$1")" "${@:2}"; }
broker_ctl() { ctl 1 "$@"; }
# shellcheck source=deploy/local/broker-users.sh
source "$(dirname "${BASH_SOURCE[0]}")/broker-users.sh"

# node_pid <n>: prints the pid of node n's Erlang VM while it runs. Read from its pid file and checked against the
# node name the process was started with (a pid may be reused), which is much quicker than asking rabbitmqctl
# (seconds per call here).
node_pid() {
  local pid=""
  [[ -f $(node_dir "$1")/pid ]] || return 1
  read -r pid <"$(node_dir "$1")/pid" || true
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qx "RABBITMQ_NODENAME=$(node_name "$1")" || return 1
  printf '%s\n' "$pid"
}

is_running() { node_pid "$1" >/dev/null; }

# cluster_nodes <n>: every member of node n's cluster as "<name> <running: True|False>", from its management API.
# Prints nothing (and fails) while that API does not answer.
cluster_nodes() {
  local nodes
  nodes=$(curl -fsS --max-time 10 -u guest:guest "http://127.0.0.1:$(management_port "$1")/api/nodes" 2>/dev/null) || return 1
  python3 -c 'import json, sys; [print(n["name"], n["running"]) for n in json.load(sys.stdin)]' <<<"$nodes"
}

# port_taken <port>: something listens on it (bash's own /dev/tcp: no tool needed that a fresh machine may lack).
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# listener <port>: who listens there, when ss can say.
listener() { ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1 || true; }

# check_ports_free <n>: a node that is not running must find its three ports free, or it would fail obscurely.
check_ports_free() {
  local port
  for port in "$(amqp_port "$1")" "$(management_port "$1")" "$(dist_port "$1")"; do
    if port_taken "$port"; then
      fail "node $1 ($(node_name "$1")) cannot start: port $port is taken: $(listener "$port")"
    fi
  done
}

# prepare_node <n>: its directories (owned by rabbitmq, which the server drops to), plugins and configuration.
prepare_node() {
  local dir; dir=$(node_dir "$1")
  mkdir -p "$dir/mnesia" "$dir/log"
  printf '[rabbitmq_management].\n' >"$dir/enabled_plugins"
  # A configuration file of the node's own, so that nothing in /etc/rabbitmq (the main node's) applies here.
  cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$(amqp_port "$1")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(management_port "$1")
CONF
  chown -R rabbitmq:rabbitmq "$dir"
}

# launch_node <n>: starts the node detached; does not wait.
launch_node() {
  local dir; dir=$(node_dir "$1")
  prepare_node "$1"
  log "node $1: starting $(node_name "$1")"
  HOME=/var/lib/rabbitmq \
  RABBITMQ_NODENAME=$(node_name "$1") \
  RABBITMQ_DIST_PORT=$(dist_port "$1") \
  RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf \
  RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config \
  RABBITMQ_MNESIA_BASE=$dir/mnesia \
  RABBITMQ_FEATURE_FLAGS_FILE=$dir/feature_flags \
  RABBITMQ_LOG_BASE=$dir/log \
  RABBITMQ_PID_FILE=$dir/pid \
  RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins \
    setsid rabbitmq-server >"$dir/log/console.log" 2>&1 </dev/null &
}

# await_node <n>: waits until node n has booted. await_startup gives up at once while the node is not yet reachable
# (its Erlang VM still starting), so it is asked again until the timeout.
await_node() {
  local deadline=$((SECONDS + START_TIMEOUT))
  # Short waits, so that a node whose VM ended (a boot refused over its data, say) is reported at once, not after the timeout.
  until ctl "$1" await_startup --timeout 10 >/dev/null 2>&1; do
    # The node writes its pid file early in its boot: a pid file whose process is gone is a node that gave up.
    if [[ -f $(node_dir "$1")/pid ]] && ! is_running "$1"; then
      fail "node $1 ($(node_name "$1")) exited while starting; see $(node_dir "$1")/log"
    fi
    ((SECONDS < deadline)) || fail "node $1 ($(node_name "$1")) did not start within ${START_TIMEOUT}s; see $(node_dir "$1")/log"
    sleep 1
  done
  log "node $1: running"
}

# start_nodes <n...>: starts those that do not run, all at once (a cluster whose nodes all stopped waits for its
# peers at boot, so they must come up together), then waits for each.
start_nodes() {
  local n waits=()
  for n in "$@"; do
    if is_running "$n"; then continue; fi
    check_ports_free "$n"
    launch_node "$n"
  done
  for n in "$@"; do
    await_node "$n" &
    waits+=($!)
  done
  for n in "${waits[@]}"; do wait "$n" || exit 1; done
}

# join <n>: makes node n a member of node 1's cluster unless it is one already.
join() {
  if cluster_nodes 1 | grep -q "^$(node_name "$1") "; then return; fi
  log "node $1: joining $(node_name 1)"
  # join_cluster resets the node first; the commands' chatter goes to the node's log directory.
  local out; out=$(node_dir "$1")/log/join.log
  { ctl "$1" stop_app && ctl "$1" join_cluster "$(node_name 1)" && ctl "$1" start_app; } >"$out" 2>&1 \
    || fail "node $1 could not join $(node_name 1); see $out"
  await_node "$1"
}

# await_clustered: waits until node 1 sees every node as a running member.
await_clustered() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while (($(cluster_nodes 1 | grep -c ' True$') < ${#NODES[@]})); do
    ((SECONDS < deadline)) || fail "not every node runs in the cluster after ${START_TIMEOUT}s: $(cluster_nodes 1 | tr '\n' ' ')"
    sleep 0.5
  done
}

print_addresses() {
  local n
  log "cluster of ${#NODES[@]} nodes running:"
  for n in "${NODES[@]}"; do
    printf '  %-22s amqp 127.0.0.1:%s  management http://127.0.0.1:%s/  data %s\n' \
      "$(node_name "$n")" "$(amqp_port "$n")" "$(management_port "$n")" "$(node_dir "$n")"
  done
  printf 'Point up.sh (Zun'"'"'s processes) at it with:\n  ZUN_RABBITMQ_ADDR=127.0.0.1:%s' "$(amqp_port 1)"
  for n in "${NODES[@]}"; do printf ' Zun__RabbitMq__Hosts__%s=127.0.0.1:%s' $((n - 1)) "$(amqp_port "$n")"; done
  printf '\n'
}

up() {
  command -v rabbitmq-server >/dev/null || fail "rabbitmq-server is not installed (deploy/local/services.sh installs it)"
  start_nodes "${NODES[@]}"
  join 2
  join 3
  await_clustered
  # Users are the cluster's, so node 1 sets them for all three: up.sh then runs Zun's processes as on the one broker.
  setup_broker_users
  print_addresses
}

# stop_node <n>: SIGTERM, which the Erlang VM takes as an orderly shutdown (clients are told, then disconnected);
# SIGKILL if it is still there after a minute.
stop_node() {
  local pid
  if ! pid=$(node_pid "$1"); then log "node $1: not running"; return; fi
  log "node $1: stopping $(node_name "$1") (pid $pid)"
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while [[ -e /proc/$pid ]] && ((SECONDS < deadline)); do sleep 0.2; done
  if [[ -e /proc/$pid ]]; then
    log "node $1: still running after 60s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  log "node $1: stopped"
}

down() {
  local n stops=()
  for n in "${NODES[@]}"; do
    stop_node "$n" &
    stops+=($!)
  done
  for n in "${stops[@]}"; do wait "$n"; done
}

clean() {
  down
  rm -rf "$CLUSTER_DIR"
  log "removed $CLUSTER_DIR"
}

status() {
  local n state
  for n in "${NODES[@]}"; do
    if is_running "$n"; then state=running; else state=stopped; fi
    printf '  %-22s %-8s amqp 127.0.0.1:%s  management 127.0.0.1:%s\n' "$(node_name "$n")" "$state" "$(amqp_port "$n")" "$(management_port "$n")"
  done
  for n in "${NODES[@]}"; do
    if is_running "$n"; then
      printf '  members as %s sees them (name, running): %s\n' "$(node_name "$n")" "$(cluster_nodes "$n" | tr '\n' ' ')"
      return
    fi
  done
}

node_argument() {
  [[ ${1:-} =~ ^[1-3]$ ]] || fail "give a node number, 1 to 3"
  printf '%s\n' "$1"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  clean) clean ;;
  status) status ;;
  stop-node) stop_node "$(node_argument "${2:-}")" ;;
  start-node) start_nodes "$(node_argument "${2:-}")" ;;
  *) fail "usage: $0 up|status|down|clean|stop-node N|start-node N" ;;
esac
