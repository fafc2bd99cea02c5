# Shared by up.sh and down.sh (sourced, not run): where the processes' files live and how to tell
# whether a pid file still names one of our processes.
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONFIGURATION=Release

# The run directory holds <name>.pid, <name>.log and <name>.ready. Made absolute so that up.sh
# and down.sh agree on it even when run from different directories with a relative ZUN_RUN_DIR.
RUN_DIR=${ZUN_RUN_DIR:-$REPO_ROOT/.run}
[[ $RUN_DIR == /* ]] || RUN_DIR=$PWD/$RUN_DIR

# In start order; down.sh stops them in reverse (the API first, then the worker, so the conductor sees it go).
# shellcheck disable=SC2034  # used by up.sh and down.sh, which source this file
PROCESSES=(conductor worker api)

# program <name>: what the process runs; the extra workers worker-e<i> (one per extra engine, ZUN_ENGINES) run the worker.
program() {
  if [[ $1 =~ ^worker-e[0-9]+$ ]]; then printf 'worker\n'; else printf '%s\n' "$1"; fi
}

# dll_path <name>: the built entry assembly, e.g. src/Zun.Conductor/bin/Release/net10.0/zun-conductor.dll
# (the projects set AssemblyName to zun-<name>; there is no artifacts output layout).
dll_path() {
  local program; program=$(program "$1")
  printf '%s/src/Zun.%s/bin/%s/net10.0/zun-%s.dll\n' "$REPO_ROOT" "${program^}" "$CONFIGURATION" "$program"
}

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log\n' "$RUN_DIR" "$1"; }
ready_file() { printf '%s/%s.ready\n' "$RUN_DIR" "$1"; }

# is_zun_process <pid> <name>: true when <pid> is alive and runs <name>'s dll. Checking the
# command line rather than just `kill -0` means a pid reused by some other program is never
# signalled, and a zombie (empty command line; nothing reaps orphans promptly on some machines)
# counts as gone.
is_zun_process() {
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmdline == *"zun-$(program "$2").dll"* ]]
}

# is_alive <pid>: the process exists and is not a zombie. Unlike is_zun_process it does not look at
# the command line, which for a moment after a fork still shows the forking shell.
is_alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  stat=$(cat 2>/dev/null "/proc/$1/stat") || return 1
  stat=${stat##*) }            # after "pid (comm) ", comm being free text
  [[ ${stat%% *} != Z ]]
}

# running_pid <name>: prints the pid from <name>.pid if that process is still ours and alive.
running_pid() {
  local file pid=""
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  read -r pid <"$file" || true
  is_zun_process "$pid" "$1" || return 1
  printf '%s\n' "$pid"
}

# The REST API's address, as zun-api reads it from Zun__Api__Listen (default: upstream Zun's port).
API_LISTEN=${Zun__Api__Listen:-http://127.0.0.1:9517}
