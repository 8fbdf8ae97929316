<?php
/**
 * Activates or installs the "WooCommerce Legacy REST API" plugin (WooCommerce 9.0 and newer).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Shop;

defined( 'ABSPATH' ) || exit;

/**
 * With WordPress's own tools only, as Plugins > Add New does: plugins_api() asks WordPress.org where the current
 * version is, Plugin_Upgrader downloads, checks and unpacks it, activate_plugin() runs it. Every failure comes
 * back as a WP_Error in plain words; nothing is half-done on success (the plugin is active).
 */
final class LegacyApiPlugin {

	/** The plugin's slug on WordPress.org. */
	public const SLUG = 'woocommerce-legacy-rest-api';

	/**
	 * Whether this site lets plugins be installed at all (DISALLOW_FILE_MODS and the like).
	 */
	public static function installs_allowed(): bool {
		return wp_is_file_mod_allowed( 'flashnode_install_legacy_api' );
	}

	/**
	 * Makes the plugin active: installs it first when it is missing.
	 *
	 * @return \WP_Error|null Null when the plugin is active.
	 */
	public static function ensure_active(): ?\WP_Error {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return self::error( __( 'Only an administrator can activate plugins. Ask one to apply this fix, or to activate the "WooCommerce Legacy REST API" plugin.', 'flashnode-connector' ), 403 );
		}
		if ( ! LegacyApi::plugin_installed() ) {
			$installed = self::install();
			if ( null !== $installed ) {
				return $installed;
			}
		}
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$activated = activate_plugin( LegacyApi::PLUGIN_FILE );
		if ( is_wp_error( $activated ) ) {
			/* translators: %s: WordPress's reason. */
			return self::error( sprintf( __( 'WordPress could not activate the "WooCommerce Legacy REST API" plugin: %s', 'flashnode-connector' ), $activated->get_error_message() ) );
		}
		return null;
	}

	/**
	 * Downloads and unpacks the plugin from WordPress.org (or wherever plugins_api() says).
	 */
	private static function install(): ?\WP_Error {
		if ( ! current_user_can( 'install_plugins' ) || ! self::installs_allowed() ) {
			return self::error( __( 'This site does not let you install plugins (only administrators can, and the site may forbid it). Install the "WooCommerce Legacy REST API" plugin another way, then apply this fix again.', 'flashnode-connector' ), 403 );
		}
		require_once ABSPATH . 'wp-admin/includes/plugin-install.php';
		require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
		require_once ABSPATH . 'wp-admin/includes/file.php';
		require_once ABSPATH . 'wp-admin/includes/misc.php';
		$api = plugins_api(
			'plugin_information',
			array(
				'slug'   => self::SLUG,
				'fields' => array( 'sections' => false ),
			)
		);
		if ( is_wp_error( $api ) || ! is_object( $api ) || empty( $api->download_link ) ) {
			return self::error(
				sprintf(
					/* translators: %s: the reason WordPress gave. */
					__( 'The shop could not reach WordPress.org to download the "WooCommerce Legacy REST API" plugin (%s). Install it from Plugins > Add New, or upload its zip, then apply this fix again.', 'flashnode-connector' ),
					is_wp_error( $api ) ? $api->get_error_message() : __( 'no download address', 'flashnode-connector' )
				)
			);
		}
		$skin     = new \WP_Ajax_Upgrader_Skin();
		$upgrader = new \Plugin_Upgrader( $skin );
		$result   = $upgrader->install( (string) $api->download_link );
		if ( true !== $result || ! LegacyApi::plugin_installed() ) {
			$reason = is_wp_error( $result ) ? $result : $skin->get_errors();
			$text   = is_wp_error( $reason ) && $reason->has_errors() ? $reason->get_error_message() : __( 'unknown reason', 'flashnode-connector' );
			/* translators: %s: the reason WordPress gave. */
			return self::error( sprintf( __( 'WordPress could not install the "WooCommerce Legacy REST API" plugin: %s. Check that the plugins folder is writable, or install it from Plugins > Add New.', 'flashnode-connector' ), $text ) );
		}
		return null;
	}

	/**
	 * A failure of the fix.
	 *
	 * @param string $message What went wrong and what to do.
	 * @param int    $status  HTTP status.
	 */
	private static function error( string $message, int $status = 424 ): \WP_Error {
		return new \WP_Error( 'flashnode_fix_failed', $message, array( 'status' => $status ) );
	}
}
