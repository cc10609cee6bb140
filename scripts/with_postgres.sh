#!/usr/bin/env bash
# Run a command with a private PostgreSQL + PostGIS cluster on a free loopback port, then stop it.
# The command sees KURSK_MAP_TEST_PG, a URL of that server's superuser; the cluster lives in a
# temporary folder and is removed afterwards. PostgreSQL and PostGIS come from Debian's packages.
set -euo pipefail
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql postgis >/dev/null
fi
bin_dir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cluster=$(mktemp -d /tmp/kursk-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user
  chown postgres "$cluster"
  as_owner=(runuser -u postgres --)
fi
owner() { (cd "$cluster" && "${as_owner[@]}" "$@"); }  # from a folder the cluster's owner may enter
owner "$bin_dir/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 >/dev/null
owner "$bin_dir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-p $port -k $cluster -c listen_addresses=127.0.0.1" start >/dev/null
stop() {
  owner "$bin_dir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null || true
  rm -rf "$cluster"
}
trap stop EXIT
export KURSK_MAP_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
"$@"
