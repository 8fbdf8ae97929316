<?php
/**
 * Plugin management through WordPress's own APIs (WordPress must be loaded).
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.AlternativeFunctions

require_once ABSPATH . 'wp-admin/includes/plugin.php';

/**
 * Install a plugin zip the way wp-admin's "Upload Plugin" does: WordPress's
 * Plugin_Upgrader unpacks, checks and moves it; an existing copy is replaced.
 *
 * @param string $zip Path of the zip.
 * @return string The installed plugin's file, e.g. "flashnode-connector/flashnode-connector.php".
 */
function shop_install_plugin_zip( string $zip ): string {
	if ( ! is_file( $zip ) ) {
		shop_fail( "no such zip: $zip" );
	}
	require_once ABSPATH . 'wp-admin/includes/file.php';
	require_once ABSPATH . 'wp-admin/includes/misc.php';
	require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';

	// The upgrader deletes the package after unpacking it (an upload is a
	// temporary file), so hand it a copy and keep the caller's zip.
	$package = wp_tempnam( basename( $zip ) );
	if ( ! copy( $zip, $package ) ) {
		shop_fail( "could not copy $zip to $package" );
	}

	if ( ! WP_Filesystem() ) {
		shop_fail( 'WordPress could not access the file system directly (FS_METHOD)' );
	}

	$skin     = new Automatic_Upgrader_Skin();
	$upgrader = new Plugin_Upgrader( $skin );
	$result   = $upgrader->install( $package, array( 'overwrite_package' => true ) );
	$messages = implode( "\n  ", array_filter( array_map( 'wp_strip_all_tags', $skin->get_upgrade_messages() ) ) );
	if ( file_exists( $package ) ) {
		unlink( $package );
	}

	if ( is_wp_error( $result ) || is_wp_error( $skin->result ) ) {
		$error = is_wp_error( $result ) ? $result : $skin->result;
		shop_fail( 'installing ' . $zip . ' failed: ' . $error->get_error_message() . ( $messages ? "\n  " . $messages : '' ) );
	}
	if ( ! $result ) {
		shop_fail( 'installing ' . $zip . " failed\n  " . $messages );
	}

	$plugin_file = $upgrader->plugin_info();
	if ( ! $plugin_file ) {
		shop_fail( "WordPress installed $zip but found no plugin header in it" );
	}
	wp_clean_plugins_cache( false );
	return $plugin_file;
}

/**
 * Activate a plugin (no-op when it is active already).
 *
 * @param string $plugin_file Plugin file relative to the plugins folder.
 * @return bool True if it was activated now, false if it already was active.
 */
function shop_activate_plugin( string $plugin_file ): bool {
	if ( is_plugin_active( $plugin_file ) ) {
		return false;
	}
	// Like wp-admin: run the activation hook, record the plugin as active.
	$result = activate_plugin( $plugin_file, '', false, false );
	if ( is_wp_error( $result ) ) {
		$details = $result->get_error_data();
		shop_fail(
			"could not activate $plugin_file: " . $result->get_error_message() .
			( is_string( $details ) && '' !== trim( $details ) ? "\n" . trim( $details ) : '' )
		);
	}
	return true;
}

/**
 * Status of a plugin: "active", "inactive" or "missing".
 *
 * @param string $plugin_file Plugin file relative to the plugins folder.
 */
function shop_plugin_status( string $plugin_file ): string {
	if ( is_wp_error( validate_plugin( $plugin_file ) ) ) {
		return 'missing';
	}
	return is_plugin_active( $plugin_file ) ? 'active' : 'inactive';
}

/**
 * Deactivate and delete a plugin (its uninstall routine runs, as in wp-admin).
 *
 * @param string $plugin_file Plugin file relative to the plugins folder.
 */
function shop_delete_plugin( string $plugin_file ): void {
	if ( 'missing' === shop_plugin_status( $plugin_file ) ) {
		shop_fail( "plugin $plugin_file is not installed" );
	}
	require_once ABSPATH . 'wp-admin/includes/file.php';
	deactivate_plugins( $plugin_file, false, false );
	$result = delete_plugins( array( $plugin_file ) );
	if ( is_wp_error( $result ) || ! $result ) {
		shop_fail( "could not delete $plugin_file" . ( is_wp_error( $result ) ? ': ' . $result->get_error_message() : '' ) );
	}
}
