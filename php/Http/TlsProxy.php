<?php
/**
 * Whether TLS ended at a proxy WordPress does not know about.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * A fact about the current request, read by the HTTPS check (the admin page's request) and by the health endpoint
 * (the integrator's request), so neither depends on the other.
 */
final class TlsProxy {

	/**
	 * Whether the current request came through a TLS-terminating proxy that WordPress does not know about:
	 * the proxy says https while PHP sees plain HTTP. Only real requests tell, because the shop's request to
	 * itself bypasses such a proxy.
	 */
	public static function unrecognised(): bool {
		$forwarded = isset( $_SERVER['HTTP_X_FORWARDED_PROTO'] ) ? strtolower( sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_FORWARDED_PROTO'] ) ) ) : '';
		return 'https' === $forwarded && ! is_ssl();
	}
}
