# Sourced by services.sh (the one broker) and rabbitmq-cluster.sh (its three nodes): Zun's broker users and their
# permissions. broker_ctl runs rabbitmqctl against the broker meant; a caller may define its own before sourcing.
declare -F broker_ctl >/dev/null || broker_ctl() { rabbitmqctl -q "$@"; }

# Zun's processes do not share a broker user with its clients: the conductor and zun-api run as zun-service, workers as
# zun-host, each allowed to write only what its role publishes (deploy/broker-permissions.tsv), and guest, the clients'
# user here, may no longer write to the workers' queues nor publish a host's reports. Neither is an impersonator (Zun
# sets aside what it cannot consume as its own user), and tags left by an older install are cleared. Passwords are made
# up once and kept in $RABBITMQ_CREDENTIALS (root only), which up.sh reads. docs/broker-users.md has the whole story.
RABBITMQ_CREDENTIALS="${ZUN_STATE_DIR:-/var/lib/zun-local}/rabbitmq/credentials.env"
BROKER_PERMISSIONS="$(dirname "${BASH_SOURCE[0]}")/../broker-permissions.tsv"

# role_permissions <role>: the configure, write and read expressions of a role, one per line.
role_permissions() {
  awk -F '\t' -v role="$1" '$1 == role { print $2; print $3; print $4 }' "$BROKER_PERMISSIONS"
}

# set_role_permissions <user> <role>: the user's permissions on the virtual host / are its role's.
set_role_permissions() {
  local expressions
  mapfile -t expressions < <(role_permissions "$2")
  ((${#expressions[@]} == 3)) || { log "rabbitmq: no role $2 in $BROKER_PERMISSIONS"; exit 1; }
  broker_ctl set_permissions -p / "$1" "${expressions[@]}" >/dev/null
}

setup_broker_users() {
  mkdir -p "$(dirname "$RABBITMQ_CREDENTIALS")"
  if [[ ! -f $RABBITMQ_CREDENTIALS ]]; then
    umask 077
    cat >"$RABBITMQ_CREDENTIALS" <<ENV
RABBITMQ_SERVICE_USER=zun-service
RABBITMQ_SERVICE_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
RABBITMQ_HOST_USER=zun-host
RABBITMQ_HOST_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
ENV
    umask 022
  fi
  # shellcheck disable=SC1090
  source "$RABBITMQ_CREDENTIALS"
  local users; users=$(broker_ctl list_users 2>/dev/null | awk '{ print $1 }')
  local user password role
  for role in service host; do
    if [[ $role == service ]]; then user=$RABBITMQ_SERVICE_USER password=$RABBITMQ_SERVICE_PASSWORD
    else user=$RABBITMQ_HOST_USER password=$RABBITMQ_HOST_PASSWORD; fi
    if grep -qx "$user" <<<"$users"; then
      broker_ctl change_password "$user" "$password" >/dev/null
    else
      broker_ctl add_user "$user" "$password" >/dev/null
    fi
    broker_ctl set_user_tags "$user" >/dev/null
    set_role_permissions "$user" "$role"
  done
  set_role_permissions guest client
  log "rabbitmq: users $RABBITMQ_SERVICE_USER (service) and $RABBITMQ_HOST_USER (host); guest may write only what clients publish"
}
