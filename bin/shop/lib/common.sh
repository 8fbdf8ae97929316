# shellcheck shell=bash
# Shared settings and helpers for bin/shop.sh. Sourced, never executed.

# Every path the shop uses lives under the git-ignored .shop/ folder of the repo, or under
# FLASHNODE_SHOP_DIR when set (a second shop next to the first, e.g. bin/test-compat.sh's).
SHOP_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
SHOP_DIR="${FLASHNODE_SHOP_DIR:-${SHOP_REPO}/.shop}"
[[ ${SHOP_DIR} == /* ]] || SHOP_DIR="${PWD}/${SHOP_DIR}"
SHOP_BIN="${SHOP_REPO}/bin/shop"
SHOP_STATE="${SHOP_DIR}/state"
SHOP_LOGS="${SHOP_DIR}/logs"
SHOP_TLS="${SHOP_DIR}/tls"
SHOP_WP="${SHOP_DIR}/wordpress"
SHOP_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/flashnode-connector"

DB_PORT="${FLASHNODE_DB_PORT:-8706}"
HTTP_PORT="${FLASHNODE_HTTP_PORT:-8780}"
HTTPS_PORT="${FLASHNODE_HTTPS_PORT:-8743}"
SITE_URL="https://127.0.0.1:${HTTPS_PORT}"
HTTP_URL="http://127.0.0.1:${HTTP_PORT}"

# The PHP scripts read these instead of guessing.
export FLASHNODE_WP_DIR="${SHOP_WP}"
export FLASHNODE_SHOP_DIR="${SHOP_DIR}"
export FLASHNODE_HTTPS_PORT="${HTTPS_PORT}"

# Apache's children run as www-data when we are root, so everything they must
# write (wp-content, logs) is handed to that user. Non-root runs need nothing.
if [[ ${EUID} -eq 0 ]]; then
	WEB_USER="www-data"
else
	WEB_USER=""
fi

log() { printf '[shop] %s\n' "$*"; }
warn() { printf '[shop] WARNING: %s\n' "$*" >&2; }
die() {
	printf '[shop] ERROR: %s\n' "$*" >&2
	exit 1
}

# pid_alive FILE NAME: true when FILE holds the PID of a live process whose
# command name is NAME. Checking the name guards against recycled PIDs.
pid_alive() {
	local file="$1" name="$2" pid
	[[ -s ${file} ]] || return 1
	pid="$(tr -dc '0-9' <"${file}")"
	[[ -n ${pid} && -r /proc/${pid}/comm ]] || return 1
	[[ "$(cat "/proc/${pid}/comm")" == "${name}" ]]
}

# wait_for_exit PID SECONDS: wait for a process we signalled to go away.
wait_for_exit() {
	local pid="$1" tries=$(($2 * 10))
	while [[ -d /proc/${pid} ]] && ((tries-- > 0)); do
		sleep 0.1
	done
	[[ ! -d /proc/${pid} ]]
}

# stop_from_pid_file LABEL PID_FILE SECONDS COMMAND...: stop exactly the process
# in PID_FILE (which the caller has checked is alive) with COMMAND (which gets
# the PID as its last argument), and wait for it to exit.
stop_from_pid_file() {
	local label="$1" file="$2" seconds="$3" pid
	shift 3
	pid="$(tr -dc '0-9' <"${file}")"
	log "stopping ${label} (pid ${pid})"
	"$@" "${pid}"
	wait_for_exit "${pid}" "${seconds}" || die "${label} (pid ${pid}) did not stop within ${seconds} s"
}

# install_if_changed SRC DEST: copy only when the content differs, so warm
# starts do not touch files (and Apache's .htaccess/mtime caches stay valid).
install_if_changed() {
	local src="$1" dest="$2"
	if ! cmp -s "${src}" "${dest}"; then
		mkdir -p "$(dirname "${dest}")"
		cp "${src}" "${dest}"
		return 0
	fi
	return 1
}

# shop_wp ARGS...: WP-CLI against this shop (bin/wp-cli/wp.sh; needs `bash bin/install-deps.sh composer`).
shop_wp() {
	bash "${SHOP_REPO}/bin/wp-cli/wp.sh" "$@"
}

# fix_ownership: give Apache's user what it writes to (wp-content for plugin
# uploads through wp-admin, .htaccess when permalinks are saved, the logs).
fix_ownership() {
	[[ -n ${WEB_USER} ]] || return 0
	local dir
	for dir in "${SHOP_WP}/wp-content" "${SHOP_WP}/.htaccess" "${SHOP_LOGS}"; do
		[[ -e ${dir} ]] || continue
		# Only touch what is not already right: keeps warm starts quick.
		find "${dir}" \( ! -user "${WEB_USER}" -o ! -group "${WEB_USER}" \) \
			-exec chown "${WEB_USER}:${WEB_USER}" {} +
	done
	# The WordPress folder itself (not its files), as on a typical host: WordPress and plugins create
	# files next to .htaccess there (e.g. the plugin's .htaccess backup).
	[[ -d ${SHOP_WP} ]] && chown "${WEB_USER}:${WEB_USER}" "${SHOP_WP}"
}

# write_state FILE TEXT: write a small state file only when its text changes.
write_state() {
	[[ "$(cat "$1" 2>/dev/null)" == "$2" ]] || printf '%s\n' "$2" >"$1"
}
