#!/usr/bin/env bash
# Fetches the WP-CLI command packages that bin/wp-cli/command-packages.php loads (the tags are pinned there, once)
# when their folder lacks them: the release archive at the pinned tag, its top folder unpacked as
# ${XDG_CACHE_HOME:-~/.cache}/flashnode-connector/wp-cli-<name>-<version>/ (or under FLASHNODE_WP_CLI_PACKAGES_DIR),
# which is the package's root (<name>.php, composer.json, src/), as the loader expects. Then checks them all, and
# exits 1 with the repository, tag and folder of any still missing (offline: the download failed).
# Run by `bash bin/install-deps.sh composer`, so by `npm start` and `npm test`.
#
# Environment: FLASHNODE_WP_CLI_PACKAGES_BASE_URL (https://github.com/wp-cli): where
# <name>/archive/refs/tags/<tag>.tar.gz is downloaded from; FLASHNODE_WP_CLI_PACKAGES_DIR (see command-packages.php).
set -euo pipefail
packages="$(cd "$(dirname "$0")" && pwd)/command-packages.php"

# fetch NAME TAG DIR URL: download and unpack one package; returns non-zero (and says why) when it could not.
fetch() {
	local name="$1" tag="$2" dir="$3" url="$4" parent tmp status=0
	parent="$(dirname "${dir}")"
	printf '[wp-cli] downloading wp-cli/%s %s from %s\n' "${name}" "${tag}" "${url}" >&2
	mkdir -p "${parent}" || return 1
	# Unpacked next to its folder and moved in whole: an interrupted download leaves no half a package that would
	# count as present, and two runs at once do not mix their files.
	tmp="$(mktemp -d "${parent}/.wp-cli-${name}-download.XXXXXX")" || return 1
	if ! curl -fsSL --connect-timeout 5 --max-time 120 -o "${tmp}/archive.tar.gz" "${url}" 2>"${tmp}/curl.log"; then
		printf '[wp-cli] download failed: %s\n' "$(tr '\n' ' ' <"${tmp}/curl.log")" >&2
		status=1
	elif ! mkdir "${tmp}/tree" || ! tar -xzf "${tmp}/archive.tar.gz" -C "${tmp}/tree" --strip-components=1 ||
		[[ ! -f ${tmp}/tree/${name}.php ]]; then
		printf '[wp-cli] %s is not the archive of wp-cli/%s (no %s.php in its top folder)\n' "${url}" "${name}" "${name}" >&2
		status=1
	elif ! mv -T "${tmp}/tree" "${dir}" 2>/dev/null && [[ ! -f ${dir}/${name}.php ]]; then
		# mv -T only replaces an empty folder: a non-empty one without the package is left for its owner to look at.
		printf '[wp-cli] could not move the package into %s (is something else there?)\n' "${dir}" >&2
		status=1
	fi
	rm -rf "${tmp}"
	return "${status}"
}

while IFS=$'\t' read -r name tag dir url; do
	fetch "${name}" "${tag}" "${dir}" "${url}" || true
done < <(php "${packages}" --missing)

# Lists them, or names what is still missing and how to get it (exit 1).
exec php "${packages}"
