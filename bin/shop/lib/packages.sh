# shellcheck shell=bash
# Debian packages the shop needs. Sourced by bin/shop.sh.

SHOP_PACKAGES=(
	apache2 libapache2-mod-php8.2
	php8.2-mysql php8.2-curl php8.2-gd php8.2-zip php8.2-xml php8.2-mbstring
	php8.2-intl php8.2-bcmath php8.2-fpm
	mariadb-server mariadb-client
	openssl chromium zip unzip curl
	# xgettext and msgcat: `npm run build` writes the translation template with them.
	gettext
)

# missing_packages: print the packages dpkg does not report as installed.
missing_packages() {
	local installed pkg
	# One dpkg-query call for all packages; unknown ones only go to stderr.
	installed="$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${SHOP_PACKAGES[@]}" 2>/dev/null || true)"
	for pkg in "${SHOP_PACKAGES[@]}"; do
		grep -qx "${pkg} installed" <<<"${installed}" || printf '%s\n' "${pkg}"
	done
}

ensure_packages() {
	local missing
	if ! command -v dpkg-query >/dev/null; then
		die "this script expects Debian/Ubuntu (dpkg-query not found). Install Apache 2.4 with mod_php 8.2, MariaDB, PHP 8.2 (mysql curl gd zip xml mbstring intl bcmath), openssl, zip, unzip, curl and chromium yourself."
	fi
	mapfile -t missing < <(missing_packages)
	((${#missing[@]} == 0)) && return 0

	if [[ ${EUID} -eq 0 ]] && command -v apt-get >/dev/null; then
		log "installing Debian packages: ${missing[*]}"
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
	else
		printf '[shop] ERROR: missing Debian packages. Run:\n  sudo apt-get install -y %s\n' "${missing[*]}" >&2
		exit 1
	fi
}

# stop_system_services: Debian's packages may auto-start the system apache2
# and mariadb services, which listen on all interfaces. They are not ours,
# but nothing may be reachable from the network, so stop them (root only).
# Our own servers (and other checkouts' shops) listen on loopback only and
# are never touched.
stop_system_services() {
	local service process
	for service in apache2 mariadb; do
		case ${service} in
			apache2) process="apache2" ;;
			mariadb) process="mariadbd|mysqld" ;;
		esac
		listens_beyond_loopback "${process}" || continue
		if [[ ${EUID} -eq 0 ]]; then
			log "stopping the system ${service} service (it listens on all interfaces; the shop runs its own)"
			service "${service}" stop >/dev/null 2>&1 || warn "could not stop the system ${service} service"
		else
			warn "the system ${service} service listens on all interfaces; stop it with: sudo service ${service} stop"
		fi
	done
}

# listens_beyond_loopback PROCESS_REGEX: true if such a process has a TCP
# listener on an address other than 127.0.0.0/8 or ::1.
listens_beyond_loopback() {
	ss -ltnpH 2>/dev/null | awk -v re="\"(${1})\"" '
		$0 ~ re && $4 !~ /^(127\.|\[::1\]:|\[::ffff:127\.)/ { found = 1 }
		END { exit !found }'
}
