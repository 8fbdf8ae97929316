<?php
/**
 * Switches the Legacy REST API on.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Readiness\Fix;
use Flashnode\Connector\Shop\LegacyApi;
use Flashnode\Connector\Shop\LegacyApiPlugin;

defined( 'ABSPATH' ) || exit;

/**
 * Ticks WooCommerce > Settings > Advanced > Legacy API for the owner. On WooCommerce 9.0+ the separate plugin must
 * be active first: the fix activates it when it is installed, or installs it from WordPress.org when it is missing
 * (LegacyApiPlugin), after the owner confirmed the question, which says which of these it will do.
 */
final class LegacyApiFix implements Fix {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'legacy_api';
	}

	/**
	 * {@inheritDoc}
	 */
	public function check_id(): string {
		return 'legacy_api';
	}

	/**
	 * {@inheritDoc}
	 */
	public function question(): string {
		if ( LegacyApi::is_available() ) {
			return __( 'Turn on WooCommerce\'s Legacy REST API (WooCommerce > Settings > Advanced > Legacy API)?', 'flashnode-connector' );
		}
		if ( LegacyApi::plugin_installed() ) {
			return __( 'Activate the installed "WooCommerce Legacy REST API" plugin and turn the Legacy REST API on?', 'flashnode-connector' );
		}
		return __( 'Download the free "WooCommerce Legacy REST API" plugin (by WooCommerce) from WordPress.org, install and activate it, and turn the Legacy REST API on?', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! LegacyApi::is_available() ) {
			if ( ! LegacyApi::plugin_installed() && ! LegacyApiPlugin::installs_allowed() ) {
				return new \WP_Error( 'flashnode_fix_not_possible', __( 'The Legacy REST API is not available, and this site does not allow installing plugins: install and activate the "WooCommerce Legacy REST API" plugin another way first.', 'flashnode-connector' ), array( 'status' => 409 ) );
			}
			$active = LegacyApiPlugin::ensure_active();
			if ( null !== $active ) {
				return $active;
			}
		}
		update_option( LegacyApi::OPTION, 'yes' );
		return null;
	}
}
