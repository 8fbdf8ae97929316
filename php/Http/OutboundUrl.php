<?php
/**
 * Addresses the plugin sends secrets or orders to.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Checks a connection or webhook delivery URL before anything is sent to it: https only (the body carries API
 * secrets or customers' orders), no credentials in the URL, and no private, loopback or reserved address, so a
 * shop manager's browser cannot be used to reach the shop's internal network (SSRF).
 *
 * Loopback and private hosts are allowed only where WordPress itself allows them: the core filter
 * `http_request_host_is_external` (the local test stack opens 127.0.0.1 with it; production sites do not).
 */
final class OutboundUrl {

	/** Longer addresses are certainly not what the integration service gave the owner. */
	public const MAX_LENGTH = 2000;

	/**
	 * Why the URL cannot be used, or null when it can.
	 *
	 * @param mixed $url The URL as received.
	 */
	public static function problem( $url ): ?\WP_Error {
		if ( ! is_string( $url ) || '' === trim( $url ) ) {
			return self::error( __( 'Enter the https:// address the integration service gave you.', 'flashnode-connector' ) );
		}
		if ( strlen( $url ) > self::MAX_LENGTH || '' === wp_check_invalid_utf8( $url ) || preg_match( '/[\s\x00-\x1f\x7f]/', $url ) ) {
			return self::error( __( 'This is not a valid address. Copy it again from the integration service, without spaces or line breaks.', 'flashnode-connector' ) );
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || empty( $parts['scheme'] ) ) {
			return self::error( __( 'This is not a valid address. It must look like https://service.example/path.', 'flashnode-connector' ) );
		}
		if ( 'https' !== strtolower( $parts['scheme'] ) ) {
			return self::error( __( 'Only https:// addresses are accepted: API secrets and orders must travel encrypted.', 'flashnode-connector' ) );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return self::error( __( 'Remove the user name and password from the address: they would be stored and sent in plain text.', 'flashnode-connector' ) );
		}
		$host = strtolower( trim( $parts['host'], '[]' ) );
		if ( ! self::is_valid_host_length( $host ) ) {
			// Also spares PHP's resolver, which warns about names over 255 characters.
			return self::error( __( 'This is not a valid address: its host name is too long.', 'flashnode-connector' ) );
		}
		if ( ! self::host_is_allowed( $host, $url ) ) {
			return self::error( __( 'This address points to a private, loopback or reserved network address. Use the public https:// address of the integration service.', 'flashnode-connector' ) );
		}
		// WordPress's own gate for wp_safe_remote_*(): resolvable host, allowed port.
		if ( false === wp_http_validate_url( $url ) ) {
			return self::error( __( 'WordPress will not send requests to this address: its host cannot be found or its port is not allowed (use the standard https port 443).', 'flashnode-connector' ) );
		}
		// WooCommerce stores delivery URLs through esc_url_raw(), which may drop characters: what is stored and
		// later used must pass as well.
		$stored_form = esc_url_raw( $url );
		return $stored_form === $url ? null : self::problem( $stored_form );
	}

	/**
	 * DNS limits: at most 253 characters, labels of at most 63.
	 *
	 * @param string $host Host name or IP literal.
	 */
	private static function is_valid_host_length( string $host ): bool {
		if ( strlen( $host ) > 253 ) {
			return false;
		}
		foreach ( explode( '.', $host ) as $label ) {
			if ( strlen( $label ) > 63 ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether every address the host stands for is public (or WordPress was told to treat the host as external).
	 *
	 * @param string $host Host name or IP literal, lower case, without brackets.
	 * @param string $url  The whole URL, for the filter.
	 */
	private static function host_is_allowed( string $host, string $url ): bool {
		// WordPress core's filter (wp-includes/http.php), applied as wp_http_validate_url() applies it.
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- a core hook.
		if ( apply_filters( 'http_request_host_is_external', false, $host, $url ) ) {
			return true;
		}
		if ( 'localhost' === $host || '.localhost' === substr( $host, -10 ) ) {
			return false;
		}
		$addresses = filter_var( $host, FILTER_VALIDATE_IP ) ? array( $host ) : self::resolve( $host );
		if ( array() === $addresses ) {
			return true; // Unresolvable: wp_http_validate_url() rejects it with its own message.
		}
		foreach ( $addresses as $address ) {
			if ( false === filter_var( $address, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE ) || self::is_shared_address_space( $address ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Every IPv4 and IPv6 address of a host name. gethostbynamel() knows IPv4 only, and a host with a public A
	 * record and a private AAAA record must not pass: the HTTP client may well connect over IPv6.
	 *
	 * @param string $host Host name.
	 * @return string[]
	 */
	private static function resolve( string $host ): array {
		$addresses = gethostbynamel( $host );
		$addresses = is_array( $addresses ) ? $addresses : array();
		if ( function_exists( 'dns_get_record' ) ) {
			// A failed lookup raises a warning; for this check it only means "no IPv6 address".
			set_error_handler( '__return_true' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler
			$records = dns_get_record( $host, DNS_AAAA );
			restore_error_handler();
			foreach ( is_array( $records ) ? $records : array() as $record ) {
				if ( isset( $record['ipv6'] ) && is_string( $record['ipv6'] ) ) {
					$addresses[] = $record['ipv6'];
				}
			}
		}
		return $addresses;
	}

	/**
	 * Whether an IPv4 address is in 100.64.0.0/10 (RFC 6598, carrier-grade NAT), which PHP's private and
	 * reserved flags let through but which is never a public service's address.
	 *
	 * @param string $address A valid IP address.
	 */
	private static function is_shared_address_space( string $address ): bool {
		$long = ip2long( $address );
		return false !== $long && ( $long & 0xFFC00000 ) === 0x64400000;
	}

	/**
	 * A 400 for a URL that cannot be used.
	 *
	 * @param string $message What is wrong and what to do.
	 */
	private static function error( string $message ): \WP_Error {
		return new \WP_Error( 'flashnode_invalid_url', $message, array( 'status' => 400 ) );
	}
}
