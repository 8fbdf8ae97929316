<?php
/**
 * The WooCommerce REST API reachable from outside.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * Security plugins and hosts sometimes block /wp-json/ for visitors; the integration server is a visitor.
 */
final class RestApiCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'rest_api';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'REST API reachable', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( 'permalink_structure' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Used to request the wc/v3 index the way a visitor would.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$url      = LoopbackProbe::as_configured( rest_url( 'wc/v3' ), 'home' );
		$response = $probe->fetch( $url );
		$why      = __( 'The integration reads orders from /wp-json/wc/v3/; if that is blocked or missing, nothing is transferred.', 'flashnode-connector' );
		$details  = array( 'url' => $url );

		if ( is_wp_error( $response ) ) {
			return CheckResult::warning(
				/* translators: %s: error message. */
				sprintf( __( 'The shop could not reach its own REST API: %s', 'flashnode-connector' ), $response->get_error_message() ),
				$why,
				__( 'Some hosts block requests from a site to itself; confirm from outside with the health endpoint.', 'flashnode-connector' ),
				$details
			);
		}
		$code                   = (int) wp_remote_retrieve_response_code( $response );
		$body                   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		$details['status_code'] = $code;
		if ( 200 === $code && is_array( $body ) && isset( $body['namespace'] ) && 'wc/v3' === $body['namespace'] ) {
			return CheckResult::ok( __( 'The WooCommerce REST API (wc/v3) answers visitors.', 'flashnode-connector' ), $details );
		}
		if ( 404 === $code ) {
			return CheckResult::error(
				__( 'The WooCommerce REST API (wc/v3) is not there: /wp-json/wc/v3 answers 404.', 'flashnode-connector' ),
				$why,
				__( 'Check that permalinks are not Plain and that no plugin disables the REST API.', 'flashnode-connector' ),
				$details
			);
		}
		$blocker = is_array( $body ) && isset( $body['code'] ) && is_string( $body['code'] ) ? $body['code'] : '';
		return CheckResult::error(
			'' === $blocker
				/* translators: %d: HTTP status code. */
				? sprintf( __( 'The REST API is blocked for visitors (HTTP %d).', 'flashnode-connector' ), $code )
				/* translators: 1: HTTP status code, 2: error code from the blocking plugin. */
				: sprintf( __( 'The REST API is blocked for visitors (HTTP %1$d, %2$s).', 'flashnode-connector' ), $code, $blocker ),
			$why,
			__( 'A security plugin or the host blocks /wp-json/. Allow /wp-json/wc/ (and /wp-json/wc-flashnode/) for requests with an API key.', 'flashnode-connector' ),
			$details + array( 'error_code' => $blocker )
		);
	}
}
