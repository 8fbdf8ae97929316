# shellcheck shell=bash
# Where WordPress, WooCommerce and the legacy REST API plugin come from.
#
# Order for each: an explicit env var (zip or directory), the cache folder
# outside the repo (newest version), the official download URL. The trees are
# copied into .shop/ only; nothing from them ever enters the git tree.

WP_DOWNLOAD_URL="https://wordpress.org/latest.zip"
WC_DOWNLOAD_URL="https://downloads.wordpress.org/plugin/woocommerce.latest-stable.zip"
WC_LEGACY_DOWNLOAD_URL="https://downloads.wordpress.org/plugin/woocommerce-legacy-rest-api.latest-stable.zip"
SHOP_DOWNLOADS="${SHOP_DIR}/downloads"

# wp_tree_version DIR: WordPress version of a core tree ("" if none).
wp_tree_version() {
	local file="$1/wp-includes/version.php"
	[[ -f ${file} ]] || return 0
	sed -n "s/^\$wp_version = '\([^']*\)';.*/\1/p" "${file}"
}

# plugin_version FILE: the "Version:" header of a plugin's main file.
plugin_version() {
	[[ -f $1 ]] || return 0
	sed -n 's/^[ \t\/*#@]*Version:[ \t]*\([^ \t\r]*\).*/\1/p' "$1" | head -n 1
}

# newest_cache_dir PATTERN: newest matching folder of the cache, by version.
newest_cache_dir() {
	local dirs
	shopt -s nullglob
	# shellcheck disable=SC2206 # the glob is the point here
	dirs=(${SHOP_CACHE}/$1)
	shopt -u nullglob
	((${#dirs[@]} > 0)) || return 0
	printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
}

# tree_from_path PATH MARKER NAME: print a directory holding MARKER. PATH is
# a directory or a zip; zips are unpacked under .shop/downloads/NAME.
tree_from_path() {
	local path="$1" marker="$2" name="$3" dest found
	if [[ -d ${path} ]]; then
		[[ -f ${path}/${marker} ]] || return 1
		printf '%s\n' "$(cd "${path}" && pwd)"
		return 0
	fi
	[[ -f ${path} ]] || return 1
	dest="${SHOP_DOWNLOADS}/${name}"
	rm -rf "${dest}"
	mkdir -p "${dest}"
	unzip -q "${path}" -d "${dest}" || return 1
	# Zips from wordpress.org wrap everything in one top-level folder.
	found="$(find "${dest}" -maxdepth 2 -name "${marker}" -print -quit)"
	[[ -n ${found} ]] || return 1
	dirname "${found}"
}

# download_tree URL MARKER NAME: fetch a zip (short timeouts: offline machines
# must fail fast) and print the unpacked directory.
download_tree() {
	local url="$1" marker="$2" name="$3" zip="${SHOP_DOWNLOADS}/$3.zip"
	mkdir -p "${SHOP_DOWNLOADS}"
	log "downloading ${url}" >&2
	curl -fsSL --connect-timeout 5 --max-time 300 -o "${zip}" "${url}" 2>/dev/null || return 1
	tree_from_path "${zip}" "${marker}" "${name}"
}

# source_id PATH: identifies a source so an unchanged one is not copied again.
source_id() {
	if [[ -f $1 ]]; then
		stat -c 'zip:%n:%s:%Y' "$1"
	elif [[ -d $1 ]]; then
		printf 'dir:%s\n' "$1"
	else
		printf 'url:%s\n' "$1"
	fi
}

# resolve_source KIND: pick the source for KIND (wordpress|woocommerce|legacy)
# and set SRC_PATH (zip or dir; empty = download SRC_URL) and SRC_LABEL.
resolve_source() {
	local kind="$1" env_value cache_pattern
	case ${kind} in
		wordpress)
			env_value="${FLASHNODE_WP_SOURCE:-}"
			cache_pattern="wordpress-${FLASHNODE_WP_VERSION:-[0-9]*}"
			SRC_URL="${WP_DOWNLOAD_URL}"
			if [[ -n ${FLASHNODE_WP_VERSION:-} ]]; then
				SRC_URL="https://wordpress.org/wordpress-${FLASHNODE_WP_VERSION}.zip"
			fi
			;;
		woocommerce)
			env_value="${FLASHNODE_WC_SOURCE:-}"
			# [0-9]* keeps the woocommerce-legacy-rest-api-* folder out.
			cache_pattern="woocommerce-[0-9]*"
			SRC_URL="${WC_DOWNLOAD_URL}"
			;;
		legacy)
			env_value="${FLASHNODE_WC_LEGACY_API_SOURCE:-}"
			cache_pattern="woocommerce-legacy-rest-api-[0-9]*"
			SRC_URL="${WC_LEGACY_DOWNLOAD_URL}"
			;;
	esac
	if [[ -n ${env_value} ]]; then
		[[ -e ${env_value} ]] || die "${env_value} (from the environment) does not exist"
		SRC_PATH="$(cd "$(dirname "${env_value}")" && pwd)/$(basename "${env_value}")"
		SRC_LABEL="environment: ${SRC_PATH}"
		return 0
	fi
	SRC_PATH="$(newest_cache_dir "${cache_pattern}")"
	if [[ -n ${SRC_PATH} ]]; then
		SRC_LABEL="cache: ${SRC_PATH}"
		return 0
	fi
	SRC_LABEL="download: ${SRC_URL}"
}

# stage_tree KIND MARKER: print an unpacked directory for the resolved source.
stage_tree() {
	local kind="$1" marker="$2"
	if [[ -n ${SRC_PATH} ]]; then
		tree_from_path "${SRC_PATH}" "${marker}" "${kind}"
	else
		download_tree "${SRC_URL}" "${marker}" "${kind}"
	fi
}

# copy_tree SRC DEST: copy a tree, following symlinks (Debian's WordPress
# links into /usr/share/php) and leaving out the source's own wp-config.php
# and .htaccess (we write ours).
copy_tree() {
	mkdir -p "$2"
	tar -C "$1" --exclude=./wp-config.php --exclude=./.htaccess -chf - . | tar -C "$2" -xf -
	# Source trees may be private (a cache folder with mode 700); Apache's
	# user must be able to read everything.
	chmod -R u+rwX,go+rX "$2"
}

# sources_missing_message NAME...: how to provide what could not be found.
sources_missing_message() {
	cat <<-MSG
		[shop] ERROR: could not find $(printf '%s and ' "$@" | sed 's/ and $//'). Provide it in one of these ways:
		  1. environment: FLASHNODE_WP_SOURCE=/path/to/wordpress.zip-or-directory
		                  FLASHNODE_WC_SOURCE=/path/to/woocommerce.zip-or-directory
		  2. built trees in the cache folder ${SHOP_CACHE}/
		     as wordpress-<version>/ and woocommerce-<version>/
		  3. internet access to ${WP_DOWNLOAD_URL}
		     and ${WC_DOWNLOAD_URL}
	MSG
}
