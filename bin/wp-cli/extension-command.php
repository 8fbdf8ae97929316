<?php
/**
 * Loads wp-cli/extension-command (`wp plugin`, `wp theme`) into the Composer copy of WP-CLI, from the cache.
 *
 * Why: WooCommerce (10.x) calls `exit` while loading under WP-CLI when the class Plugin_Command is missing
 * (includes/cli/class-wc-cli-com-extension-command.php), so WP-CLI would stop silently before `init`. That class
 * comes from wp-cli/extension-command, which this machine's Composer repository does not hold: its source is
 * kept, like WordPress's, in the cache folder outside the repository (~/.cache/flashnode-connector/
 * wp-cli-extension-command-<version>/, unpacked from github.com/wp-cli/extension-command at a release tag) and
 * never committed. Its other dependency (composer/semver) comes from Composer (require-dev).
 *
 * Passed to WP-CLI with --require (see bin/wp-cli/wp.sh). FLASHNODE_WP_CLI_EXTENSION_DIR names another folder.
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.NamingConventions.PrefixAllGlobals

if ( ! class_exists( 'WP_CLI' ) ) {
	return;
}

$flashnode_extension_dir = getenv( 'FLASHNODE_WP_CLI_EXTENSION_DIR' );
if ( ! $flashnode_extension_dir ) {
	$flashnode_cache      = ( getenv( 'XDG_CACHE_HOME' ) ? getenv( 'XDG_CACHE_HOME' ) : getenv( 'HOME' ) . '/.cache' ) . '/flashnode-connector';
	$flashnode_candidates = glob( $flashnode_cache . '/wp-cli-extension-command-*', GLOB_ONLYDIR );
	$flashnode_candidates = is_array( $flashnode_candidates ) ? $flashnode_candidates : array();
	usort( $flashnode_candidates, 'version_compare' );
	$flashnode_extension_dir = (string) end( $flashnode_candidates );
}
if ( '' === $flashnode_extension_dir || ! is_file( $flashnode_extension_dir . '/extension-command.php' ) ) {
	WP_CLI::error( 'wp-cli/extension-command is missing: unpack its source (github.com/wp-cli/extension-command, tag v2.3.6) into ~/.cache/flashnode-connector/wp-cli-extension-command-2.3.6/ or set FLASHNODE_WP_CLI_EXTENSION_DIR. Without it WooCommerce stops WP-CLI while loading.' );
}

// Its classes as its own composer.json maps them (classmap of src/): Plugin_Command, WP_CLI\Fetchers\Plugin, ….
spl_autoload_register(
	static function ( $class_name ) use ( $flashnode_extension_dir ) {
		$file = $flashnode_extension_dir . '/src/' . str_replace( '\\', '/', $class_name ) . '.php';
		if ( is_file( $file ) ) {
			require $file;
		}
	}
);
require $flashnode_extension_dir . '/extension-command.php';
