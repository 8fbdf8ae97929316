<?php
/**
 * Loads the WP-CLI command packages that this machine's Composer repository does not hold into the Composer copy
 * of WP-CLI (vendor/wp-cli/wp-cli), from the cache folder outside the repository.
 *
 * Why each one:
 * - wp-cli/extension-command (`wp plugin`, `wp theme`): WooCommerce (10.x) calls `exit` while loading under
 *   WP-CLI when the class Plugin_Command is missing (includes/cli/class-wc-cli-com-extension-command.php), so
 *   WP-CLI would stop silently before `init`; the local shop also activates, deactivates, installs (from the zip)
 *   and uninstalls plugins with it.
 * - wp-cli/eval-command (`wp eval-file`): the test-support scripts (tests/e2e/support/, the bench's) run with it.
 * - wp-cli/cron-command (`wp cron event run --due-now`): tests run due WP-Cron events now instead of waiting.
 *
 * Each is the package's own source at a release tag, unpacked from its GitHub repository into
 * ~/.cache/flashnode-connector/wp-cli-<name>-<version>/, never committed, like WordPress and WooCommerce:
 * bin/wp-cli/fetch-packages.sh (run by `bash bin/install-deps.sh composer`, so by `npm start` and `npm test`) downloads
 * the release archive of a missing one (FLASHNODE_WP_CLI_PACKAGES_BASE_URL/<name>/archive/refs/tags/<tag>.tar.gz,
 * https://github.com/wp-cli by default) and unpacks its top folder there. The tags are the newest whose composer.json requirements are met by what Composer
 * installs (wp-cli/wp-cli 2.11: extension-command and eval-command need ^2.10 / ^2.5, cron-command ^2.5; later
 * tags need ^2.12 or ^2.13); extension-command's other requirement, composer/semver, comes from Composer.
 * FLASHNODE_WP_CLI_PACKAGES_DIR names another folder holding the same wp-cli-<name>-<version>/ folders.
 *
 * Passed to WP-CLI with --require by bin/wp-cli/wp.sh. Run on its own, it lists the packages (or says how to get a
 * missing one): `php bin/wp-cli/command-packages.php`; with --missing, "<name> <tag> <folder> <url>" (tab-separated)
 * of each missing one, for fetch-packages.sh.
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals, WordPress.WP.AlternativeFunctions

/** Package name => release tag (the version is the tag without its "v"). Defined here only. */
const FLASHNODE_WP_CLI_PACKAGES = array(
	'extension-command' => 'v2.1.23',
	'eval-command'      => 'v2.2.5',
	'cron-command'      => 'v2.3.1',
);

/**
 * Folder of one package's source: FLASHNODE_WP_CLI_PACKAGES_DIR, else the cache, + wp-cli-<name>-<version>.
 *
 * @param string $name Package name without "wp-cli/".
 */
function flashnode_wp_cli_package_dir( string $name ): string {
	$base = getenv( 'FLASHNODE_WP_CLI_PACKAGES_DIR' );
	if ( ! $base ) {
		$base = ( getenv( 'XDG_CACHE_HOME' ) ? getenv( 'XDG_CACHE_HOME' ) : getenv( 'HOME' ) . '/.cache' ) . '/flashnode-connector';
	}
	return rtrim( $base, '/' ) . '/wp-cli-' . $name . '-' . ltrim( FLASHNODE_WP_CLI_PACKAGES[ $name ], 'v' );
}

/**
 * The release archive of one package at its tag: FLASHNODE_WP_CLI_PACKAGES_BASE_URL (a mirror, or a local server in
 * tests/unit/wp-cli-packages.test.ts), else GitHub's.
 *
 * @param string $name Package name without "wp-cli/".
 */
function flashnode_wp_cli_package_url( string $name ): string {
	$base = getenv( 'FLASHNODE_WP_CLI_PACKAGES_BASE_URL' );
	return rtrim( $base ? $base : 'https://github.com/wp-cli', '/' ) . '/' . $name . '/archive/refs/tags/' . FLASHNODE_WP_CLI_PACKAGES[ $name ] . '.tar.gz';
}

/**
 * Whether one package's source is in its folder (its main file, which the loader requires).
 *
 * @param string $name Package name without "wp-cli/".
 */
function flashnode_wp_cli_package_present( string $name ): bool {
	return is_file( flashnode_wp_cli_package_dir( $name ) . '/' . $name . '.php' );
}

/**
 * What is wrong with one package's folder and how to fill it, or '' when its source is there.
 *
 * @param string $name Package name without "wp-cli/".
 */
function flashnode_wp_cli_package_problem( string $name ): string {
	$dir = flashnode_wp_cli_package_dir( $name );
	$tag = FLASHNODE_WP_CLI_PACKAGES[ $name ];
	if ( flashnode_wp_cli_package_present( $name ) ) {
		return '';
	}
	$url = flashnode_wp_cli_package_url( $name );
	return "wp-cli/{$name} is missing from {$dir}/ (repository github.com/wp-cli/{$name}, tag {$tag}). `bash bin/install-deps.sh composer` downloads it from {$url}; offline, unpack that archive's top folder as {$dir}/ (in a clone of the repository: mkdir -p {$dir} && git archive {$tag} | tar -x -C {$dir}), or set FLASHNODE_WP_CLI_PACKAGES_DIR to a folder holding it. See README.md, \"WP-CLI in the local shop\".";
}

if ( ! class_exists( 'WP_CLI' ) ) {
	// Run on its own (`php bin/wp-cli/command-packages.php`, as bin/install-deps.sh does): list the packages and
	// their folders; exit 1 with the way to get each one that is missing.
	if ( PHP_SAPI === 'cli' && isset( $argv[0] ) && realpath( $argv[0] ) === __FILE__ ) {
		if ( in_array( '--missing', $argv, true ) ) {
			foreach ( array_keys( FLASHNODE_WP_CLI_PACKAGES ) as $flashnode_name ) {
				if ( ! flashnode_wp_cli_package_present( $flashnode_name ) ) {
					echo $flashnode_name, "\t", FLASHNODE_WP_CLI_PACKAGES[ $flashnode_name ], "\t", flashnode_wp_cli_package_dir( $flashnode_name ), "\t", flashnode_wp_cli_package_url( $flashnode_name ), PHP_EOL; // phpcs:ignore WordPress.Security.EscapeOutput
				}
			}
			exit( 0 );
		}
		$flashnode_missing = 0;
		foreach ( array_keys( FLASHNODE_WP_CLI_PACKAGES ) as $flashnode_name ) {
			$flashnode_problem = flashnode_wp_cli_package_problem( $flashnode_name );
			if ( '' === $flashnode_problem ) {
				echo 'wp-cli/', $flashnode_name, ' ', FLASHNODE_WP_CLI_PACKAGES[ $flashnode_name ], ' ', flashnode_wp_cli_package_dir( $flashnode_name ), PHP_EOL; // phpcs:ignore WordPress.Security.EscapeOutput
			} else {
				fwrite( STDERR, 'ERROR: ' . $flashnode_problem . PHP_EOL );
				++$flashnode_missing;
			}
		}
		exit( $flashnode_missing ? 1 : 0 );
	}
	return;
}

foreach ( array_keys( FLASHNODE_WP_CLI_PACKAGES ) as $flashnode_name ) {
	$flashnode_problem = flashnode_wp_cli_package_problem( $flashnode_name );
	if ( '' !== $flashnode_problem ) {
		WP_CLI::error( $flashnode_problem . ( 'extension-command' === $flashnode_name ? ' Without it WooCommerce stops WP-CLI while loading.' : '' ) );
	}
	$flashnode_dir = flashnode_wp_cli_package_dir( $flashnode_name );
	// Its classes as its composer.json maps them (classmap of src/, one class per file named after it):
	// Plugin_Command, WP_CLI\Fetchers\Plugin, EvalFile_Command, Cron_Event_Command, ….
	spl_autoload_register(
		static function ( $class_name ) use ( $flashnode_dir ) {
			$file = $flashnode_dir . '/src/' . str_replace( '\\', '/', $class_name ) . '.php';
			if ( is_file( $file ) ) {
				require $file;
			}
		}
	);
	require $flashnode_dir . '/' . $flashnode_name . '.php';
}
