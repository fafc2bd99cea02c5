#!/usr/bin/env bash
# A real Keystone (Debian's python3-keystone, served by uwsgi) for zun-api's Keystone mode and its tests.
# Sourced by services.sh, which has set STATE_DIR, LOG_DIR, log and wait_for. Idempotent: a Keystone that
# answers is left alone; the database and the bootstrap are made once and kept in $STATE_DIR/keystone.
#
# What it leaves behind, for up.sh and the tests: $KEYSTONE_DIR/credentials.env with the admin's and Zun's service
# user's passwords (made up at the first start, readable by root only), and a catalog entry of type `container`
# pointing at zun-api.
# shellcheck shell=bash

KEYSTONE_ADDR="${ZUN_KEYSTONE_ADDR:-127.0.0.1:35357}"   # 5000, Keystone's usual port, is the local registry's
KEYSTONE_URL="http://$KEYSTONE_ADDR/v3"
KEYSTONE_DIR="$STATE_DIR/keystone"
KEYSTONE_CONF="$KEYSTONE_DIR/keystone.conf"
KEYSTONE_CREDENTIALS="$KEYSTONE_DIR/credentials.env"
ZUN_ENDPOINT="${ZUN_API_ENDPOINT:-http://127.0.0.1:9517/v1}"

keystone_answers() { curl -fsS "$KEYSTONE_URL" >/dev/null 2>&1; }

write_keystone_conf() {
  mkdir -p "$KEYSTONE_DIR/fernet" "$KEYSTONE_DIR/credential"
  cat >"$KEYSTONE_CONF" <<CONF
[DEFAULT]
log_file = $LOG_DIR/keystone.log
[database]
connection = sqlite:///$KEYSTONE_DIR/keystone.db
[token]
provider = fernet
expiration = ${ZUN_KEYSTONE_TOKEN_SECONDS:-3600}
[fernet_tokens]
key_repository = $KEYSTONE_DIR/fernet
[credential]
key_repository = $KEYSTONE_DIR/credential
CONF
}

# Passwords are made up once and kept, so that a restarted Keystone and the processes using it agree.
make_credentials() {
  [[ -f $KEYSTONE_CREDENTIALS ]] && return
  umask 077
  cat >"$KEYSTONE_CREDENTIALS" <<ENV
KEYSTONE_URL=$KEYSTONE_URL
KEYSTONE_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
KEYSTONE_ZUN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
ENV
  umask 022
}

keystone_manage() { keystone-manage --config-file "$KEYSTONE_CONF" "$@" >>"$LOG_DIR/keystone-manage.log" 2>&1; }

bootstrap_keystone_database() {
  [[ -f $KEYSTONE_DIR/bootstrapped ]] && return
  log "keystone: creating its database"
  keystone_manage db_sync
  # Without WAL every write fails with "database is locked" under uwsgi.
  sqlite3 "$KEYSTONE_DIR/keystone.db" 'PRAGMA journal_mode=WAL;' >/dev/null
  keystone_manage fernet_setup --keystone-user root --keystone-group root
  keystone_manage credential_setup --keystone-user root --keystone-group root
  # shellcheck disable=SC1090
  source "$KEYSTONE_CREDENTIALS"
  # bootstrap prints an eventlet traceback on exit; its status is what counts.
  keystone_manage bootstrap --bootstrap-password "$KEYSTONE_ADMIN_PASSWORD" \
    --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-public-url "$KEYSTONE_URL" \
    --bootstrap-internal-url "$KEYSTONE_URL" --bootstrap-region-id RegionOne
  touch "$KEYSTONE_DIR/bootstrapped"
}

serve_keystone() {
  log "keystone: starting on $KEYSTONE_ADDR"
  # One process: Keystone's SQLite database takes one writer. uwsgi's plain HTTP socket closes the connection after
  # each answer without saying so, and a client that reuses it gets a reset: the header says so.
  setsid uwsgi --plugin python3 --http-socket "$KEYSTONE_ADDR" --wsgi-file /usr/bin/keystone-wsgi-public \
    --processes 1 --threads 1 --add-header "Connection: close" --env "OS_KEYSTONE_CONFIG_FILES=$KEYSTONE_CONF" \
    --pidfile "$KEYSTONE_DIR/uwsgi.pid" >"$LOG_DIR/keystone-uwsgi.log" 2>&1 </dev/null &
  wait_for 60 keystone keystone_answers
}

# As the admin: Zun's service user (admin on the service project, which validating tokens needs) and its catalog
# entry, which the zun CLI and `openstack appcontainer` find Zun by. Each step leaves what exists alone.
register_zun() {
  # Each openstack call takes seconds; a restart with the same endpoint skips them.
  [[ $(cat "$KEYSTONE_DIR/registered" 2>/dev/null) == "$ZUN_ENDPOINT" ]] && return
  # shellcheck disable=SC1090
  source "$KEYSTONE_CREDENTIALS"
  local os=(env -i PATH=/usr/bin:/bin HOME=/root /usr/bin/openstack --os-auth-url "$KEYSTONE_URL" --os-identity-api-version 3
    --os-username admin --os-password "$KEYSTONE_ADMIN_PASSWORD" --os-project-name admin
    --os-user-domain-name Default --os-project-domain-name Default)
  "${os[@]}" project create --or-show --domain Default service >/dev/null
  "${os[@]}" user create --or-show --domain Default --password "$KEYSTONE_ZUN_PASSWORD" zun >/dev/null
  # --or-show finds the user but keeps its old password: set it, so the file stays the truth.
  "${os[@]}" user set --password "$KEYSTONE_ZUN_PASSWORD" zun
  "${os[@]}" role add --project service --user zun admin
  "${os[@]}" role create --or-show member >/dev/null
  if ! "${os[@]}" service show container >/dev/null 2>&1; then
    "${os[@]}" service create --name zun --description "Container service" container >/dev/null
  fi
  local interface
  for interface in public internal admin; do
    if [[ -z $("${os[@]}" endpoint list --service container --interface "$interface" -f value -c ID) ]]; then
      "${os[@]}" endpoint create --region RegionOne container "$interface" "$ZUN_ENDPOINT" >/dev/null
    fi
  done
  printf '%s\n' "$ZUN_ENDPOINT" >"$KEYSTONE_DIR/registered"
}

start_keystone() {
  if keystone_answers; then log "keystone: already running on $KEYSTONE_ADDR"; return; fi
  write_keystone_conf
  make_credentials
  bootstrap_keystone_database
  serve_keystone
  register_zun
  log "keystone: ready on $KEYSTONE_URL (credentials in $KEYSTONE_CREDENTIALS)"
}
