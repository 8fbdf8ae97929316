<?php
/**
 * Switches the Legacy REST API on.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Readiness\Fix;
use Flashnode\Connector\Shop\LegacyApi;

defined( 'ABSPATH' ) || exit;

/**
 * Ticks WooCommerce > Settings > Advanced > Legacy API for the owner. On WooCommerce 9.0+ the separate
 * plugin must be active first; installing or activating plugins is left to the owner.
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
		return __( 'Turn on WooCommerce\'s Legacy REST API (WooCommerce > Settings > Advanced > Legacy API)?', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! LegacyApi::is_available() ) {
			return new \WP_Error( 'flashnode_fix_not_possible', __( 'The Legacy REST API is not available: on WooCommerce 9.0 and newer, install and activate the "WooCommerce Legacy REST API" plugin first.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		update_option( LegacyApi::OPTION, 'yes' );
		return null;
	}
}
