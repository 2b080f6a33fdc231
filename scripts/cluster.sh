#!/usr/bin/env bash
# A forum of several nodes on this machine, everything on loopback (README, "Running several nodes"):
#   scripts/cluster.sh [start] [--nodes N] [--sqlite]   Redis, PostgreSQL (or one shared SQLite file), N nodes, nginx
#   scripts/cluster.sh status                            each node's /health
#   scripts/cluster.sh stop                              stops what start started, by the PIDs it wrote
# Ports: FORUM_PROXY_PORT (8080), FORUM_NODE_PORT (5201, then +1 per node), FORUM_REDIS_PORT (6391), FORUM_PG_PORT (5441).
# State, logs and data: FORUM_CLUSTER_DIR (/tmp/forum-cluster).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${FORUM_CLUSTER_DIR:-/tmp/forum-cluster}"
proxy_port="${FORUM_PROXY_PORT:-8080}" node_port="${FORUM_NODE_PORT:-5201}"
redis_port="${FORUM_REDIS_PORT:-6391}" pg_port="${FORUM_PG_PORT:-5441}"
nodes=2 database=postgres

need() { command -v "$1" >/dev/null 2>&1 || { echo "Installing $2"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

wait_health() { # url, seconds
  for _ in $(seq 1 "$2"); do
    curl -fs -o /dev/null "$1/health" && return 0
    sleep 1
  done
  return 1
}

start_redis() {
  need redis-server redis-server
  mkdir -p "$dir/redis"
  # Append-only, because without PostgreSQL the Data Protection keys (every cookie) live here too.
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$dir/redis" --save "" \
    --appendonly yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server did not answer on $redis_port; see $dir/redis.log" >&2; exit 1
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || { need psql postgresql; bin="$(pg_bin)"; }
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pg"; fi
  [ -f "$dir/pg/data/PG_VERSION" ] || as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg" start >/dev/null
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='forum'" | grep -q 1 \
    || as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE ROLE forum LOGIN PASSWORD 'forum-local'" -c "CREATE DATABASE forum OWNER forum"
}

start_proxy() {
  need nginx nginx
  mkdir -p "$dir/nginx"
  local servers=""
  for i in $(seq 1 "$nodes"); do servers+="    server 127.0.0.1:$((node_port + i - 1));"$'\n'; done
  sed -e "s|@DIR@|$dir/nginx|g" -e "s|@PORT@|$proxy_port|g" "$root/scripts/nginx.conf.template" \
    | awk -v servers="$servers" '{ if ($0 ~ /@SERVERS@/) printf "%s", servers; else print }' > "$dir/nginx/nginx.conf"
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
}

start() {
  if [ -f "$dir/nodes.pid" ]; then echo "Already running (scripts/cluster.sh stop first)"; exit 1; fi
  mkdir -p "$dir"
  echo "Building (Release)"
  dotnet build "$root/Forum.App" -c Release -v q -nologo >"$dir/build.log" 2>&1 || { cat "$dir/build.log"; exit 1; }
  start_redis
  local -a settings=(Forum__Bus__Redis="127.0.0.1:$redis_port" ASPNETCORE_ENVIRONMENT=Production)
  [ -f "$dir/jwt.key" ] || head -c 48 /dev/urandom | base64 -w0 > "$dir/jwt.key"
  settings+=(Forum__Jwt__Key="$(cat "$dir/jwt.key")")
  if [ "$database" = postgres ]; then
    start_postgres
    settings+=(Forum__Data__Provider=Postgres "ConnectionStrings__Forum=Host=127.0.0.1;Port=$pg_port;Database=forum;Username=forum;Password=forum-local")
  else
    settings+=(Forum__Data__Directory="$dir/sqlite")
  fi
  : > "$dir/nodes.pid"
  for i in $(seq 1 "$nodes"); do
    local port=$((node_port + i - 1))
    (cd "$root/Forum.App" && exec env "${settings[@]}" dotnet bin/Release/net10.0/Forum.App.dll \
      --urls "http://127.0.0.1:$port") >"$dir/node$i.log" 2>&1 &
    echo $! >> "$dir/nodes.pid"
    # The first node migrates and seeds an empty database; the next ones find it ready.
    [ "$i" = 1 ] && { wait_health "http://127.0.0.1:$port" 120 || { echo "node 1 did not start; see $dir/node1.log" >&2; exit 1; }; }
  done
  for i in $(seq 2 "$nodes"); do
    wait_health "http://127.0.0.1:$((node_port + i - 1))" 120 || { echo "node $i did not start; see $dir/node$i.log" >&2; exit 1; }
  done
  start_proxy
  echo "Forum: http://127.0.0.1:$proxy_port  ($nodes nodes from port $node_port, Redis $redis_port, $database; state in $dir)"
}

status() {
  for i in $(seq 1 "$(wc -l < "$dir/nodes.pid" 2>/dev/null || echo 0)"); do
    echo "node $i: $(curl -s "http://127.0.0.1:$((node_port + i - 1))/health" | tr -d '\n ' | head -c 400)"
  done
}

stop() {
  [ -f "$dir/nginx/nginx.pid" ] && nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s quit 2>/dev/null || true
  if [ -f "$dir/nodes.pid" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$dir/nodes.pid"
    rm -f "$dir/nodes.pid"
  fi
  [ -f "$dir/redis.pid" ] && { redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; }
  if [ -f "$dir/pg/data/postmaster.pid" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast stop >/dev/null || true; fi
  echo "Stopped (data kept in $dir; delete it for a fresh forum)"
}

command="${1:-start}"; [ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --sqlite) database=sqlite; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh [start [--nodes N] [--sqlite] | status | stop]" >&2; exit 2 ;;
esac
