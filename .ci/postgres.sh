#!/usr/bin/env bash
# PostgreSQL for the worker's shared-queue tests (Sim.Tests/Worker/PostgresFacts).
#
# Installs PostgreSQL from Debian's packages if it is missing, starts a cluster on 127.0.0.1 without systemd
# (pg_ctlcluster), creates a login role and a database, and prints the Npgsql connection string on stdout;
# everything else goes to stderr. Idempotent: a second call finds everything in place and prints the same line.
# Needs root (apt-get, and the postgres system user). Written for Debian 12.
#
#   export SIM_TEST_POSTGRES="$(bash .ci/postgres.sh)"     # or:   source .ci/postgres.sh
#
# Settings (environment): SIM_PG_PORT (5432), SIM_PG_USER (sim), SIM_PG_PASSWORD (sim), SIM_PG_DATABASE (sim_test).

sim_postgres_main() {
  set -euo pipefail
  local port="${SIM_PG_PORT:-5432}" user="${SIM_PG_USER:-sim}" password="${SIM_PG_PASSWORD:-sim}"
  local database="${SIM_PG_DATABASE:-sim_test}" cluster=main
  log() { echo "postgres.sh: $*" >&2; }

  if [[ "$(id -u)" != 0 ]]; then
    log "must run as root (apt-get, pg_ctlcluster, the postgres user)"
    return 1
  fi

  if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d 101: the package must not try to start services through an init system that is not there.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [[ ! -e "$policy" ]]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2
    if [[ "$created_policy" == 1 ]]; then rm -f "$policy"; fi
  fi

  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  local bindir="/usr/lib/postgresql/$version/bin"
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql

  if ! pg_lsclusters -h | awk '{print $1 " " $2}' | grep -qx "$version $cluster"; then
    log "creating cluster $version/$cluster"
    pg_createcluster "$version" "$cluster" --port "$port" >&2
  fi

  # Loopback only, on the chosen port (a conf.d drop-in: read after postgresql.conf, so it wins); the port also
  # goes into postgresql.conf, where Debian's cluster tools look for it. Restart only when something changed.
  local changed=0
  local confdir="/etc/postgresql/$version/$cluster/conf.d" dropin
  install -d -o postgres -g postgres "$confdir"
  dropin="$(printf "# Written by .ci/postgres.sh (Sim.Worker tests).\nlisten_addresses = '127.0.0.1'\nport = %s\n" "$port")"
  if [[ "$(cat "$confdir/sim-ci.conf" 2>/dev/null || true)" != "$dropin" ]]; then
    printf '%s\n' "$dropin" >"$confdir/sim-ci.conf"
    changed=1
  fi

  if [[ "$(pg_conftool -s "$version" "$cluster" show port 2>/dev/null || true)" != "$port" ]]; then
    pg_conftool "$version" "$cluster" set port "$port" >&2
    changed=1
  fi

  local status
  status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}')"
  if [[ "$status" == online* ]]; then
    if [[ "$changed" == 1 ]]; then
      log "restarting $version/$cluster to apply its settings"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart >&2
    fi
  else
    log "starting $version/$cluster on 127.0.0.1:$port"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2
  fi

  local tries=0
  until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if ((tries > 60)); then
      log "PostgreSQL did not come up on 127.0.0.1:$port within 30 s"
      return 1
    fi
    sleep 0.5
  done

  # Role and database (as the postgres superuser over the local socket). Identifiers and the password are
  # passed as psql variables, so quoting is psql's job.
  runuser -u postgres -- psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
    -v user="$user" -v password="$password" -v database="$database" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'user', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SQL

  PGPASSWORD="$password" "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U "$user" -d "$database" \
    -v ON_ERROR_STOP=1 -c "SELECT 1" >/dev/null
  log "ready: database $database, user $user, 127.0.0.1:$port"
  echo "Host=127.0.0.1;Port=$port;Username=$user;Password=$password;Database=$database"
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: run in a subshell (its 'set -e' stays there) and export the result.
  if SIM_TEST_POSTGRES="$(sim_postgres_main)"; then
    export SIM_TEST_POSTGRES
    echo "postgres.sh: exported SIM_TEST_POSTGRES" >&2
  else
    echo "postgres.sh: failed; SIM_TEST_POSTGRES not set" >&2
    return 1
  fi
else
  sim_postgres_main
fi
