#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers for the `scaleout` tests, and the Chromium of the
# browser test (tests/test_browser.py), from the system packages.
#
#   eval "$(.ci/services.sh start)"   # installs if needed, starts both, prints the exports
#   make test                         # the scaleout tests now run instead of skipping
#   .ci/services.sh stop              # stops both and removes their files
#
# `start` prints `export INGEST_TEST_POSTGRES=postgresql://...` and
# `export INGEST_TEST_REDIS=redis://127.0.0.1:PORT/0` on stdout (everything else goes to
# stderr). A server that cannot be installed or started is reported in one line and its
# variable is left unset, so its tests skip with the reason. The servers listen on loopback
# only, on free ports, with their files under $INGEST_SERVICES_DIR (default /tmp/ingest-services).
set -uo pipefail

DIR="${INGEST_SERVICES_DIR:-/tmp/ingest-services}"
say() { echo "services: $*" >&2; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() {  # PostgreSQL refuses to run as root: use its own account then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] && echo "$bin"
}

chromium_bin() {
    command -v chromium || command -v chromium-browser
}

start_chromium() {  # nothing to start: the browser test launches it; say where it is
    local bin
    bin=$(chromium_bin) || { say "Chromium is not installed: the browser test will skip"; return 0; }
    echo "export INGEST_TEST_CHROMIUM=$bin"
}

install_missing() {
    local missing=()
    pg_bin >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    chromium_bin >/dev/null || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
        say "cannot install ${missing[*]} (not root, no sudo)"
        return 0
    fi
    local sudo=""
    [ "$(id -u)" != 0 ] && sudo="sudo -n"
    say "installing ${missing[*]}"
    $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive \
        $sudo apt-get install -y -q "${missing[@]}" >&2 \
        || say "could not install ${missing[*]}"
}

start_postgres() {
    local bin port
    bin=$(pg_bin) || { say "PostgreSQL is not installed: its tests will skip"; return 0; }
    port=$(free_port)
    mkdir -p "$DIR/pg" && chmod 700 "$DIR/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg"
    # the server writes its own log, so it lives in the folder the postgres account owns
    if ! as_postgres "$bin/initdb" -D "$DIR/pg/data" -U postgres --auth=trust >&2 \
        || ! as_postgres "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w \
            -o "-p $port -k $DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
            start >&2; then
        say "PostgreSQL did not start (see $DIR/pg/server.log): its tests will skip"
        return 0
    fi
    echo "export INGEST_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/postgres"
}

start_redis() {
    local port
    command -v redis-server >/dev/null || { say "Redis is not installed: its tests will skip"; return 0; }
    port=$(free_port)
    mkdir -p "$DIR/redis"
    if ! redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
        --dir "$DIR/redis" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" \
        --daemonize yes >&2; then
        say "Redis did not start (see $DIR/redis.log): its tests will skip"
        return 0
    fi
    for _ in $(seq 50); do  # daemonized: wait until it answers
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    echo "export INGEST_TEST_REDIS=redis://127.0.0.1:$port/0"
}

stop() {
    local bin
    if [ -d "$DIR/pg/data" ] && bin=$(pg_bin); then
        as_postgres "$bin/pg_ctl" -D "$DIR/pg/data" -m immediate stop >/dev/null 2>&1
    fi
    if [ -f "$DIR/redis.pid" ]; then
        kill "$(cat "$DIR/redis.pid")" 2>/dev/null
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start)
        stop  # a previous run's leftovers
        mkdir -p "$DIR" && chmod 755 "$DIR"  # the postgres account must reach its folder
        install_missing
        start_postgres
        start_redis
        start_chromium
        ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
