<?php
/**
 * The shop as the integration server sees it: one HTTPS request from the shop to itself.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * Sends one request with throwaway Basic credentials to LoopbackProbeEndpoint through the site's public URL and
 * records what arrived: whether TLS verified, whether PHP saw HTTPS and through which channel the credentials
 * came. Sent at most once per readiness run, and only when a check asks for it.
 */
class LoopbackProbe {

	/**
	 * The outcome, once sent.
	 *
	 * @var array<string,mixed>|null
	 */
	private $result;

	/**
	 * What the probe found.
	 *
	 * Keys: url, reachable (an HTTP answer came back), answered (our endpoint answered), status_code,
	 * certificate_ok (null for http URLs), tls_error, error, is_ssl, credential_channel, credentials_intact,
	 * basic_auth_challenge (the server asked for its own Basic credentials: a password-protected site).
	 *
	 * @return array<string,mixed>
	 */
	public function result(): array {
		if ( null === $this->result ) {
			$this->result = $this->send();
		}
		return $this->result;
	}

	/**
	 * A URL of this shop with the scheme of the configured address. WordPress's URL functions take the scheme
	 * of the current request instead, so an admin browsing over HTTPS would hide an http:// site address.
	 *
	 * @param string $url    URL from home_url(), admin_url() or rest_url().
	 * @param string $option 'home' or 'siteurl'.
	 */
	public static function as_configured( string $url, string $option ): string {
		$scheme = wp_parse_url( (string) get_option( $option ), PHP_URL_SCHEME );
		return set_url_scheme( $url, 'http' === $scheme ? 'http' : 'https' );
	}

	/**
	 * GETs another URL of the shop anonymously, verifying TLS unless the probe already found the certificate bad
	 * (that problem is reported once, by the HTTPS check).
	 *
	 * @param string $url A URL of this shop.
	 * @return array<string,mixed>|\WP_Error The HTTP API response.
	 */
	public function fetch( string $url ) {
		return wp_remote_get(
			$url,
			array(
				'timeout'     => 10,
				'redirection' => 0,
				'sslverify'   => false !== $this->result()['certificate_ok'],
			)
		);
	}

	/**
	 * Sends the probe.
	 *
	 * @return array<string,mixed>
	 */
	protected function send(): array {
		$token = wp_generate_password( 32, false, false );
		set_transient( LoopbackProbeEndpoint::TOKEN_TRANSIENT, hash( 'sha256', $token ), MINUTE_IN_SECONDS );

		$url  = self::as_configured( admin_url( 'admin-ajax.php?action=' . LoopbackProbeEndpoint::ACTION ), 'siteurl' );
		$args = array(
			'timeout'     => 10,
			'redirection' => 0,
			'headers'     => array(
				'Authorization'                     => 'Basic ' . base64_encode( LoopbackProbeEndpoint::PROBE_USER . ':' . $token ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic encoding.
				LoopbackProbeEndpoint::TOKEN_HEADER => $token,
			),
		);

		$outcome  = array(
			'url'            => $url,
			'certificate_ok' => null,
			'tls_error'      => '',
		);
		$response = wp_remote_get( $url, $args + array( 'sslverify' => true ) );
		if ( 0 === strpos( $url, 'https://' ) ) {
			$outcome['certificate_ok'] = ! ( is_wp_error( $response ) && self::is_tls_error( $response ) );
			if ( ! $outcome['certificate_ok'] && is_wp_error( $response ) ) {
				// Look past the certificate so the other checks still learn what they need.
				$outcome['tls_error'] = $response->get_error_message();
				$response             = wp_remote_get( $url, $args + array( 'sslverify' => false ) );
			}
		}
		delete_transient( LoopbackProbeEndpoint::TOKEN_TRANSIENT );

		if ( is_wp_error( $response ) ) {
			return $outcome + array(
				'reachable' => false,
				'answered'  => false,
				'error'     => $response->get_error_message(),
			);
		}

		$code = (int) wp_remote_retrieve_response_code( $response );
		$body = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		$data = is_array( $body ) && ! empty( $body['success'] ) && isset( $body['data'] ) && is_array( $body['data'] ) ? $body['data'] : null;

		return $outcome + array(
			'reachable'            => true,
			'answered'             => null !== $data,
			'status_code'          => $code,
			'error'                => '',
			'is_ssl'               => null !== $data && ! empty( $data['is_ssl'] ),
			'credential_channel'   => null !== $data && isset( $data['credential_channel'] ) ? (string) $data['credential_channel'] : '',
			'credentials_intact'   => null !== $data && ! empty( $data['credentials_intact'] ),
			'basic_auth_challenge' => 401 === $code && 0 === stripos( implode( ',', (array) wp_remote_retrieve_header( $response, 'www-authenticate' ) ), 'basic' ),
		);
	}

	/**
	 * Whether a transport error is about TLS (certificate, handshake) rather than reachability.
	 *
	 * @param \WP_Error $error The error from the HTTP API.
	 */
	private static function is_tls_error( \WP_Error $error ): bool {
		return (bool) preg_match( '/SSL|certificate|TLS|cURL error (35|51|53|54|58|59|60|64|66|77|80|82|83|90|91)\b/i', $error->get_error_message() );
	}
}
