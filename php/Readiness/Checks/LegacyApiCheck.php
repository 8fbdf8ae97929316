<?php
/**
 * The WooCommerce Legacy REST API.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce < 9.0 has the Legacy REST API built in behind an option; from 9.0 it is the separate
 * "WooCommerce Legacy REST API" plugin, which brings the same option back.
 */
final class LegacyApiCheck implements Check {

	/** The option behind WooCommerce > Settings > Advanced > Legacy API. */
	public const OPTION = 'woocommerce_api_enabled';

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'legacy_api';
	}

	/**
	 * Whether the Legacy API's code is present: built into WooCommerce < 9.0, or the separate plugin is active.
	 */
	public static function is_available(): bool {
		if ( version_compare( (string) constant( 'WC_VERSION' ), '9.0', '<' ) ) {
			return true;
		}
		return class_exists( 'WC_Legacy_REST_API_Plugin', false );
	}

	/**
	 * Whether the shop owner switched it on.
	 */
	public static function is_enabled(): bool {
		return 'yes' === get_option( self::OPTION );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the state is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$details = array(
			'needed'    => Settings::needs_legacy_api(),
			'available' => self::is_available(),
			'enabled'   => self::is_enabled(),
		);
		if ( ! $details['needed'] ) {
			return new CheckResult( $this->id(), CheckResult::NOT_APPLICABLE, __( 'The integration uses the REST API v3 only; the Legacy REST API is not needed.', 'flashnode-connector' ), '', '', null, $details );
		}
		$why = __( 'The integration reads orders through the Legacy REST API (/wc-api/v3/…); while it is off, every call fails.', 'flashnode-connector' );
		if ( ! $details['available'] ) {
			return new CheckResult(
				$this->id(),
				CheckResult::ERROR,
				__( 'WooCommerce 9.0 and newer no longer include the Legacy REST API, and the "WooCommerce Legacy REST API" plugin is not active.', 'flashnode-connector' ),
				$why,
				__( 'Install and activate the free "WooCommerce Legacy REST API" plugin (Plugins > Add New), then enable the API here.', 'flashnode-connector' ),
				null,
				$details
			);
		}
		if ( ! $details['enabled'] ) {
			return new CheckResult(
				$this->id(),
				CheckResult::ERROR,
				__( 'The Legacy REST API is off.', 'flashnode-connector' ),
				$why,
				__( 'Enable it in WooCommerce > Settings > Advanced > Legacy API, or let the plugin enable it.', 'flashnode-connector' ),
				'legacy_api',
				$details
			);
		}
		return new CheckResult( $this->id(), CheckResult::OK, __( 'The Legacy REST API is available and enabled.', 'flashnode-connector' ), '', '', null, $details );
	}
}
