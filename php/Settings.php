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

	/** The integration reads orders through the Legacy REST API (as the integrations' guides require today). */
	public const API_LEGACY = 'legacy';

	/** The integration reads orders through the REST API v3 only; the Legacy API is not needed. */
	public const API_REST_V3 = 'rest_v3';

	/**
	 * Defaults for a shop that has saved nothing yet.
	 *
	 * @return array{api_mode:string,order_statuses:string[],remove_data_on_uninstall:bool}
	 */
	public static function defaults(): array {
		return array(
			'api_mode'                 => self::API_LEGACY,
			'order_statuses'           => array( 'processing' ),
			'remove_data_on_uninstall' => true,
		);
	}

	/**
	 * The current settings, each value checked, so a hand-edited option cannot break the plugin.
	 *
	 * @return array{api_mode:string,order_statuses:string[],remove_data_on_uninstall:bool}
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
		if ( isset( $stored['remove_data_on_uninstall'] ) ) {
			$settings['remove_data_on_uninstall'] = (bool) $stored['remove_data_on_uninstall'];
		}
		return $settings;
	}

	/**
	 * Whether the integration needs the Legacy REST API.
	 */
	public static function needs_legacy_api(): bool {
		return self::API_LEGACY === self::all()['api_mode'];
	}
}
