<?php
/**
 * The shop's side of the loopback probe.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

use Flashnode\Connector\Http\CredentialChannels;

defined( 'ABSPATH' ) || exit;

/**
 * Answers the probe request the shop sends to itself (see LoopbackProbe). Served by admin-ajax.php, not the
 * REST API: WordPress and WooCommerce reject unknown Basic credentials on REST routes before any route runs,
 * which would hide exactly what the probe wants to see. It answers only a request carrying the one-time
 * token the probe just stored, so it tells nothing to anyone else.
 */
final class LoopbackProbeEndpoint {

	/** Username of the throwaway credentials LoopbackProbe sends. */
	public const PROBE_USER = 'flashnode-probe';

	/** The admin-ajax action. */
	public const ACTION = 'flashnode_connector_probe';

	/** Header carrying the one-time token. */
	public const TOKEN_HEADER = 'X-Flashnode-Probe';

	/** Transient holding the hash of the token of the probe in flight. */
	public const TOKEN_TRANSIENT = 'flashnode_connector_probe_token';

	/**
	 * Registers the handler; only admin-ajax requests get here.
	 */
	public function register(): void {
		add_action( 'wp_ajax_nopriv_' . self::ACTION, array( $this, 'answer' ) );
		add_action( 'wp_ajax_' . self::ACTION, array( $this, 'answer' ) );
	}

	/**
	 * Reports what this request looked like from inside PHP.
	 */
	public function answer(): void {
		$token    = isset( $_SERVER['HTTP_X_FLASHNODE_PROBE'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_FLASHNODE_PROBE'] ) ) : '';
		$expected = get_transient( self::TOKEN_TRANSIENT );
		if ( '' === $token || ! is_string( $expected ) || ! hash_equals( $expected, hash( 'sha256', $token ) ) ) {
			wp_send_json_error( array( 'message' => 'Unknown probe.' ), 403 );
		}
		wp_send_json_success(
			array(
				'is_ssl'             => is_ssl(),
				'credential_channel' => CredentialChannels::detect(),
				// Only the username is compared: it is the probe's own throwaway value, proving the header arrived intact.
				'credentials_intact' => isset( $_SERVER['PHP_AUTH_USER'] ) && self::PROBE_USER === $_SERVER['PHP_AUTH_USER'],
			)
		);
	}
}
