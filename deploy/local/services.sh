#!/usr/bin/env bash
# Installs (when missing) and starts the real services Zun needs on one machine:
# RabbitMQ, the Docker engine, a local registry seeded with a busybox image and Keystone; installs Debian's
# OpenStack clients (python3-openstackclient, python3-zunclient) for the REST API.
# Idempotent: services that already answer are left alone. Needs root (apt-get, dockerd).
set -euo pipefail

STATE_DIR="${ZUN_STATE_DIR:-/var/lib/zun-local}"
LOG_DIR="${ZUN_LOG_DIR:-/var/log/zun-local}"
REGISTRY_ADDR="127.0.0.1:5000"
SEED_IMAGE="$REGISTRY_ADDR/busybox:latest"
DOCKER=/usr/bin/docker   # the engine's own client; another one on PATH may speak a newer API

mkdir -p "$STATE_DIR" "$LOG_DIR"

log() { printf '[services] %s\n' "$*"; }

wait_for() { # wait_for <seconds> <description> <command...>
  local seconds=$1 what=$2; shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$what did not come up within ${seconds}s; see $LOG_DIR"
  return 1
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v curl >/dev/null || missing+=(curl)
  # Debian's python with pika and oslo.messaging: the interop tests publish and listen as OpenStack services do.
  /usr/bin/python3 -c 'import pika' 2>/dev/null || missing+=(python3-pika)
  /usr/bin/python3 -c 'import oslo_messaging' 2>/dev/null || missing+=(python3-oslo.messaging)
  # Debian's OpenStack clients: `openstack appcontainer` and python-zunclient, as operators use zun-api.
  [[ -x /usr/bin/openstack ]] || missing+=(python3-openstackclient)
  /usr/bin/python3 -c 'import zunclient' 2>/dev/null || missing+=(python3-zunclient)
  # A real Keystone for zun-api's Keystone mode, served by uwsgi; sqlite3 puts its database in WAL mode.
  [[ -x /usr/bin/keystone-manage ]] || missing+=(python3-keystone)
  command -v uwsgi >/dev/null || missing+=(uwsgi-core)
  [[ -e /usr/lib/uwsgi/plugins/python3_plugin.so ]] || missing+=(uwsgi-plugin-python3)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOG_DIR/apt.log" 2>&1 \
      || { tail -20 "$LOG_DIR/apt.log"; exit 1; }
  fi
}

start_docker() {
  if $DOCKER info >/dev/null 2>&1; then log "docker: already running"; return; fi
  log "docker: starting dockerd"
  setsid dockerd --storage-driver=overlay2 >"$LOG_DIR/dockerd.log" 2>&1 </dev/null &
  wait_for 60 dockerd $DOCKER info
  log "docker: ready"
}

start_rabbitmq() {
  if rabbitmqctl -q status >/dev/null 2>&1; then log "rabbitmq: already running"; return; fi
  log "rabbitmq: starting rabbitmq-server"
  setsid rabbitmq-server >"$LOG_DIR/rabbitmq.log" 2>&1 </dev/null &
  rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 \
    || wait_for 120 rabbitmq rabbitmqctl -q await_startup
  log "rabbitmq: ready on 127.0.0.1:5672 (its own logs: /var/log/rabbitmq)"
}

# The management API lets operators inspect queues and lets the tests give each
# test host its own virtual host.
enable_management() {
  if curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1; then return; fi
  rabbitmq-plugins -q enable --online rabbitmq_management >/dev/null
  wait_for 60 "rabbitmq management" curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview
  log "rabbitmq: management API on 127.0.0.1:15672"
}

start_registry() {
  if curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; then log "registry: already running"; return; fi
  mkdir -p "$STATE_DIR/registry/data"
  cat >"$STATE_DIR/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YAML
  log "registry: starting on $REGISTRY_ADDR"
  setsid docker-registry serve "$STATE_DIR/registry/config.yml" >"$LOG_DIR/registry.log" 2>&1 </dev/null &
  wait_for 30 registry curl -fsS "http://$REGISTRY_ADDR/v2/"
  log "registry: ready"
}

# Builds a busybox root filesystem locally (nothing can be pulled from the internet here)
# and pushes it to the local registry, so containers and pull tests have a real image.
seed_image() {
  if curl -fsS "http://$REGISTRY_ADDR/v2/busybox/tags/list" 2>/dev/null | grep -q '"latest"' \
     && $DOCKER image inspect "$SEED_IMAGE" >/dev/null 2>&1; then
    log "image: $SEED_IMAGE already seeded"; return
  fi
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [[ "$applet" == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  tar -C "$root" -c . | $DOCKER import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - "$SEED_IMAGE" >/dev/null
  rm -rf "$root"
  $DOCKER push "$SEED_IMAGE" >"$LOG_DIR/seed.log" 2>&1 || { cat "$LOG_DIR/seed.log"; exit 1; }
  log "image: seeded $SEED_IMAGE"
}

# shellcheck source=deploy/local/keystone.sh
source "$(dirname "${BASH_SOURCE[0]}")/keystone.sh"
# shellcheck source=deploy/local/broker-users.sh
source "$(dirname "${BASH_SOURCE[0]}")/broker-users.sh"

install_packages
start_docker
start_rabbitmq
enable_management
setup_broker_users
start_registry
seed_image
start_keystone
log "all services up (logs in $LOG_DIR)"
