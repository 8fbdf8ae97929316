<?php
/**
 * The last calls to the health endpoint with a valid key.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Health;

defined( 'ABSPATH' ) || exit;

/**
 * Bounded log (the last 50 calls) so the shop owner sees when the integration server last reached the shop.
 * Stored in one option that is not autoloaded, through update_option(); holds no credentials.
 *
 * Only calls that came with a valid key are logged. Anyone can call the endpoint without one (or with a made-up
 * key), and such a call must cost the shop no database write: otherwise a stream of them would be a stream of
 * writes to wp_options, and would push the integration server's own calls out of the log.
 */
final class HealthLog {

	public const OPTION = 'flashnode_connector_health_log';

	public const MAX_ENTRIES = 50;

	/**
	 * Records a call; does nothing for a call without a valid key.
	 *
	 * @param bool   $authenticated Whether a valid API key came with it.
	 * @param int    $status        HTTP status of the answer.
	 * @param string $outcome       'ok' or the error code.
	 */
	public static function record( bool $authenticated, int $status, string $outcome ): void {
		if ( ! $authenticated ) {
			return;
		}
		$entries = self::entries();
		array_unshift(
			$entries,
			array(
				'time'          => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'ip'            => self::remote_ip(),
				'authenticated' => true,
				'status'        => $status,
				'outcome'       => $outcome,
			)
		);
		update_option( self::OPTION, array_slice( $entries, 0, self::MAX_ENTRIES ), false );
	}

	/**
	 * Newest first. Logs written by earlier versions may still hold anonymous calls (authenticated false) until
	 * newer calls push them out.
	 *
	 * @return array<int,array<string,mixed>> Entries: time, ip, authenticated, status, outcome.
	 */
	public static function entries(): array {
		$entries = get_option( self::OPTION, array() );
		return is_array( $entries ) ? array_values( array_filter( $entries, 'is_array' ) ) : array();
	}

	/**
	 * The connecting address as the web server saw it. Forwarded-for headers are not trusted: anyone can send them.
	 */
	private static function remote_ip(): string {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? filter_var( wp_unslash( $_SERVER['REMOTE_ADDR'] ), FILTER_VALIDATE_IP ) : false; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validated as an IP.
		return false === $ip ? '' : (string) $ip;
	}
}
