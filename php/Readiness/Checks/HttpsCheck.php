<?php
/**
 * HTTPS end to end.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Http\TlsProxy;
use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce accepts API keys over HTTP Basic Auth only when WordPress believes the request is HTTPS
 * (is_ssl()); otherwise it demands OAuth 1.0a signatures, which most integrations do not send.
 */
final class HttpsCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'https';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'HTTPS and certificate', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( 'home', 'siteurl' );
	}

	/**
	 * What to add to wp-config.php when TLS ends at a proxy.
	 */
	public static function proxy_fix(): string {
		return __( 'TLS ends at a proxy or load balancer in front of the shop. Tell WordPress by adding this to wp-config.php, above "That\'s all, stop editing": if ( isset( $_SERVER[\'HTTP_X_FORWARDED_PROTO\'] ) && \'https\' === $_SERVER[\'HTTP_X_FORWARDED_PROTO\'] ) { $_SERVER[\'HTTPS\'] = \'on\'; }', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe The shop's request to itself.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$why     = __( 'WooCommerce accepts API keys over Basic Auth only on HTTPS; on HTTP the integration\'s requests are refused with 401.', 'flashnode-connector' );
		$details = array(
			// The configured addresses: home_url() and site_url() would echo the scheme of this request.
			'home_https'          => 0 === strpos( (string) get_option( 'home' ), 'https://' ),
			'site_https'          => 0 === strpos( (string) get_option( 'siteurl' ), 'https://' ),
			'unrecognised_proxy'  => TlsProxy::unrecognised(),
			'loopback_is_ssl'     => null,
			'certificate_ok'      => null,
			'certificate_problem' => '',
		);

		if ( ! $details['home_https'] || ! $details['site_https'] ) {
			return CheckResult::error(
				/* translators: %s: the site address. */
				sprintf( __( 'The shop\'s address is not HTTPS (%s).', 'flashnode-connector' ), trailingslashit( (string) get_option( $details['home_https'] ? 'siteurl' : 'home' ) ) ),
				$why,
				__( 'Install a TLS certificate (most hosts offer free ones) and change both addresses in Settings > General to https://.', 'flashnode-connector' ),
				$details
			);
		}
		if ( $details['unrecognised_proxy'] ) {
			return CheckResult::error( __( 'A proxy in front of the shop speaks HTTPS, but WordPress sees plain HTTP.', 'flashnode-connector' ), $why, self::proxy_fix(), $details );
		}

		$seen                           = $probe->result();
		$details['certificate_ok']      = $seen['certificate_ok'];
		$details['certificate_problem'] = $seen['tls_error'];
		if ( false === $seen['certificate_ok'] ) {
			return CheckResult::error(
				/* translators: %s: the TLS error. */
				sprintf( __( 'The shop\'s TLS certificate does not verify: %s', 'flashnode-connector' ), $seen['tls_error'] ),
				__( 'Integration servers verify certificates and refuse to connect to a shop whose certificate is self-signed, expired or for another name.', 'flashnode-connector' ),
				__( 'Install a certificate from a public certificate authority for this domain (your host can do it), including the intermediate certificates.', 'flashnode-connector' ),
				$details
			);
		}
		if ( empty( $seen['answered'] ) ) {
			return CheckResult::warning(
				/* translators: %s: why the request failed. */
				sprintf( __( 'The shop could not reach itself over HTTPS to verify it: %s', 'flashnode-connector' ), self::describe_failure( $seen ) ),
				$why,
				__( 'Some hosts block requests from a site to itself; ask your host, or confirm from outside with the health endpoint.', 'flashnode-connector' ),
				$details
			);
		}
		$details['loopback_is_ssl'] = (bool) $seen['is_ssl'];
		if ( ! $seen['is_ssl'] ) {
			return CheckResult::error( __( 'The shop\'s HTTPS address reaches WordPress as plain HTTP.', 'flashnode-connector' ), $why, self::proxy_fix(), $details );
		}
		return CheckResult::ok( __( 'The shop answers over HTTPS with a valid certificate, and WordPress sees HTTPS.', 'flashnode-connector' ), $details );
	}

	/**
	 * A readable reason for a probe that got no answer from the plugin.
	 *
	 * @param array<string,mixed> $seen The probe result.
	 */
	public static function describe_failure( array $seen ): string {
		if ( empty( $seen['reachable'] ) ) {
			return (string) $seen['error'];
		}
		/* translators: %d: HTTP status code. */
		return sprintf( __( 'the server answered HTTP %d instead.', 'flashnode-connector' ), (int) $seen['status_code'] );
	}
}
