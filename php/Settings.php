<?php
/**
 * The shop owner's choices for the integration.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector;

defined( 'ABSPATH' ) || exit;

/**
 * One small option holding the integration settings, with defaults that match the integrations' set-up guides.
 */
final class Settings {

	/** Option name. Autoloaded: read on admin and REST requests only, and a few dozen bytes. */
	public const OPTION = 'flashnode_connector_settings';

	/**
	 * Slug of the settings tab where the owner makes these choices: wp-admin/admin.php?page=wc-settings&tab=flashnode.
	 * Here rather than in Admin\SettingsTab so that notices of any part (webhooks, Site Health) can link to the tab
	 * without depending on the admin screens.
	 */
	public const PAGE_TAB = 'flashnode';

	/** The integration reads orders through the Legacy REST API (as the integrations' guides require today). */
	public const API_LEGACY = 'legacy';

	/** The integration reads orders through the REST API v3 only; the Legacy API is not needed. */
	public const API_REST_V3 = 'rest_v3';

	/**
	 * Defaults for a shop that has saved nothing yet.
	 *
	 * @return array{api_mode:string,order_statuses:string[],keep_connection_on_uninstall:bool}
	 */
	public static function defaults(): array {
		return array(
			'api_mode'                     => self::API_LEGACY,
			'order_statuses'               => array( 'processing' ),
			// Deleting the plugin revokes its keys and deletes its webhooks unless the owner keeps them.
			'keep_connection_on_uninstall' => false,
		);
	}

	/**
	 * The current settings, each value checked, so a hand-edited option cannot break the plugin.
	 *
	 * @return array{api_mode:string,order_statuses:string[],keep_connection_on_uninstall:bool}
	 */
	public static function all(): array {
		$stored   = get_option( self::OPTION, array() );
		$stored   = is_array( $stored ) ? $stored : array();
		$settings = self::defaults();
		if ( isset( $stored['api_mode'] ) && in_array( $stored['api_mode'], array( self::API_LEGACY, self::API_REST_V3 ), true ) ) {
			$settings['api_mode'] = $stored['api_mode'];
		}
		if ( isset( $stored['order_statuses'] ) && is_array( $stored['order_statuses'] ) ) {
			$statuses = array_values( array_filter( $stored['order_statuses'], 'is_string' ) );
			if ( array() !== $statuses ) {
				$settings['order_statuses'] = $statuses;
			}
		}
		if ( isset( $stored['keep_connection_on_uninstall'] ) ) {
			$settings['keep_connection_on_uninstall'] = (bool) $stored['keep_connection_on_uninstall'];
		}
		return $settings;
	}

	/**
	 * Whether the integration needs the Legacy REST API.
	 */
	public static function needs_legacy_api(): bool {
		return self::API_LEGACY === self::all()['api_mode'];
	}

	/**
	 * Stores new values (already validated against the route schema); returns the settings now in force.
	 *
	 * @param array<string,mixed> $changes Some or all of the settings.
	 * @return array{api_mode:string,order_statuses:string[],keep_connection_on_uninstall:bool}
	 */
	public static function update( array $changes ): array {
		$settings = array_merge( self::all(), array_intersect_key( $changes, self::defaults() ) );
		if ( isset( $changes['order_statuses'] ) && is_array( $changes['order_statuses'] ) ) {
			$settings['order_statuses'] = array_values( array_unique( array_map( 'strval', $changes['order_statuses'] ) ) );
		}
		update_option( self::OPTION, $settings, true );
		return self::all();
	}

	/**
	 * Order statuses the shop knows, without WooCommerce's "wc-" prefix (as the REST API names them).
	 *
	 * @return array<string,string> Status => label.
	 */
	public static function order_statuses(): array {
		$statuses = array();
		foreach ( wc_get_order_statuses() as $key => $label ) {
			$id              = 'wc-' === substr( $key, 0, 3 ) ? substr( $key, 3 ) : $key;
			$statuses[ $id ] = (string) $label;
		}
		return $statuses;
	}

	/**
	 * Address of the settings tab, for links from notices.
	 */
	public static function page_url(): string {
		return admin_url( 'admin.php?page=wc-settings&tab=' . self::PAGE_TAB );
	}
}
