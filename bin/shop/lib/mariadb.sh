# shellcheck shell=bash
# The shop's own MariaDB server (not the system service).
#
# Data, socket and pid file live in .shop/mysql; it listens on 127.0.0.1 only.

DB_DIR="${SHOP_DIR}/mysql"
DB_DATA="${DB_DIR}/data"
DB_SOCKET="${DB_DIR}/mysqld.sock"
DB_PID="${DB_DIR}/mysqld.pid"
DB_NAME="flashnode_shop"
DB_USER="flashnode"
DB_PASSWORD="flashnode"
# mariadbd refuses to run as root unless told to; as a normal user it runs as
# that user. The same OS user gets a unix_socket admin account in the server.
DB_OS_USER="$(id -un)"

mariadb_running() { pid_alive "${DB_PID}" mariadbd; }

# mariadb_admin_sql: run SQL as the socket-authenticated admin account.
mariadb_admin_sql() {
	mariadb --no-defaults --socket="${DB_SOCKET}" --user="${DB_OS_USER}" "$@"
}

mariadb_init_datadir() {
	[[ -d ${DB_DATA}/mysql ]] && return 0
	log "initialising MariaDB data directory ${DB_DATA}"
	mkdir -p "${DB_DATA}"
	mariadb-install-db --no-defaults --datadir="${DB_DATA}" --user="${DB_OS_USER}" \
		--auth-root-authentication-method=socket --skip-test-db \
		>"${SHOP_LOGS}/mariadb-install-db.log" 2>&1 ||
		die "mariadb-install-db failed, see ${SHOP_LOGS}/mariadb-install-db.log"
}

mariadb_start() {
	if mariadb_running; then
		return 0
	fi
	# Unix socket paths are limited to 107 bytes; deep checkouts can exceed it.
	((${#DB_SOCKET} < 100)) || die "the MariaDB socket path ${DB_SOCKET} is too long for a unix socket; use a shorter checkout path"
	mariadb_init_datadir
	log "starting MariaDB on 127.0.0.1:${DB_PORT}"
	# setsid + nohup: the server must outlive this script and its terminal.
	# 9>&-: it must not inherit (and hold forever) bin/shop.sh's lock.
	setsid nohup mariadbd --no-defaults \
		--datadir="${DB_DATA}" --socket="${DB_SOCKET}" --pid-file="${DB_PID}" \
		--port="${DB_PORT}" --bind-address=127.0.0.1 --user="${DB_OS_USER}" \
		--log-error="${SHOP_LOGS}/mariadb.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--skip-name-resolve --innodb-buffer-pool-size=128M \
		</dev/null >>"${SHOP_LOGS}/mariadb.log" 2>&1 9>&- &
	mariadb_wait
}

# mariadb_wait: give the server up to 30 s to answer on its socket.
mariadb_wait() {
	local tries=300
	until mariadb-admin --no-defaults --socket="${DB_SOCKET}" --user="${DB_OS_USER}" ping >/dev/null 2>&1; do
		((tries-- > 0)) || die "MariaDB did not start; see ${SHOP_LOGS}/mariadb.log"
		sleep 0.1
	done
}

# mariadb_ensure_database: database and application user, idempotently.
# With skip-name-resolve, TCP clients match '127.0.0.1' and socket clients
# match 'localhost', so the user exists for both.
mariadb_ensure_database() {
	mariadb_admin_sql <<-SQL
		CREATE DATABASE IF NOT EXISTS \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}';
		CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
		GRANT ALL PRIVILEGES ON \`${DB_NAME}\`.* TO '${DB_USER}'@'127.0.0.1';
		GRANT ALL PRIVILEGES ON \`${DB_NAME}\`.* TO '${DB_USER}'@'localhost';
	SQL
}

mariadb_stop() {
	if ! mariadb_running; then
		rm -f "${DB_PID}"
		return 0
	fi
	stop_from_pid_file MariaDB "${DB_PID}" 60 kill -TERM
}
