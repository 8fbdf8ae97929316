<?php
/**
 * Test support shared by tests/e2e/support/locale.php and the PHP tests: WordPress offers a language (WPLANG,
 * switch_to_locale()) only when its core translation is installed in WP_LANG_DIR, and the offline test shop
 * has none. An empty core catalog, marked as a stand-in, makes the language available; the plugin's own
 * translations are what the tests look at.
 *
 * @package Flashnode\Connector\Tests
 */

/** Header that marks a stand-in, so only stand-ins are ever removed. */
const FLASHNODE_TESTS_STAND_IN = 'X-Flashnode-Test-Stand-In';

/**
 * Installs an empty core catalog for the locale unless one exists.
 *
 * @param string $locale E.g. "fi".
 */
function flashnode_tests_install_core_language( string $locale ): void {
	$file = WP_LANG_DIR . "/{$locale}.mo";
	if ( 'en_US' === $locale || '' === $locale || file_exists( $file ) ) {
		return;
	}
	require_once ABSPATH . WPINC . '/pomo/mo.php';
	wp_mkdir_p( WP_LANG_DIR );
	$mo = new MO();
	$mo->set_header( 'Language', $locale );
	$mo->set_header( FLASHNODE_TESTS_STAND_IN, 'yes' );
	$mo->export_to_file( $file );
	// WordPress 6.5+ caches the folder's file list for the request, as after a language pack update.
	global $wp_textdomain_registry;
	if ( method_exists( $wp_textdomain_registry, 'invalidate_mo_files_cache' ) ) {
		$wp_textdomain_registry->invalidate_mo_files_cache(
			null,
			array(
				'type'         => 'translation',
				'translations' => array( array( 'type' => 'core' ) ),
			)
		);
	}
}

/**
 * Removes every stand-in core catalog.
 */
function flashnode_tests_remove_core_languages(): void {
	require_once ABSPATH . WPINC . '/pomo/mo.php';
	foreach ( (array) glob( WP_LANG_DIR . '/*.mo' ) as $file ) {
		$mo = new MO();
		if ( $mo->import_from_file( (string) $file ) && isset( $mo->headers[ FLASHNODE_TESTS_STAND_IN ] ) ) {
			wp_delete_file( (string) $file );
		}
	}
}
