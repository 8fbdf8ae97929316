<?php
/**
 * Nothing in front of the shop that would stop the integrator.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * A web-server password (staging sites) takes the Authorization header for itself; WooCommerce's "coming soon"
 * mode means no real orders arrive.
 */
final class SiteVisibilityCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'site_visibility';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Site reachable from outside', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( 'woocommerce_coming_soon' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Tells whether the web server itself asks for a password.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$coming_soon = 'yes' === get_option( 'woocommerce_coming_soon' );
		$seen        = $probe->result();
		$details     = array(
			'coming_soon'        => $coming_soon,
			'password_protected' => ! empty( $seen['basic_auth_challenge'] ),
		);
		if ( $details['password_protected'] ) {
			return CheckResult::error(
				__( 'The web server asks for a password before WordPress runs.', 'flashnode-connector' ),
				__( 'A server password uses the same Authorization header as the integration\'s API key, so the integration cannot get through.', 'flashnode-connector' ),
				__( 'Remove the server password (typical on staging sites), or exempt /wp-json/ and /wc-api/ from it.', 'flashnode-connector' ),
				$details
			);
		}
		if ( $coming_soon ) {
			return CheckResult::warning(
				__( 'The store is in "coming soon" mode.', 'flashnode-connector' ),
				__( 'Customers cannot place orders, so the integration has nothing to transfer, and its test orders cannot be placed.', 'flashnode-connector' ),
				__( 'Launch the store in WooCommerce > Settings > Site visibility when you are ready.', 'flashnode-connector' ),
				$details
			);
		}
		return CheckResult::ok( __( 'The store is live and not password-protected.', 'flashnode-connector' ), $details );
	}
}
