<?php
/**
 * One outcome per request id.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Makes the creating routes idempotent: the page sends a fresh request id with each intent (one click), and
 * only the first request carrying it may act. A double click, a retried request or two tabs racing get a 409
 * instead of a second key or webhook. A claim is an option row written with add_option(); add_option() alone
 * does not decide a race (two requests can both find the row missing, and its INSERT … ON DUPLICATE KEY UPDATE
 * lets both succeed), so the look-up and the write happen under a MySQL named lock per claim (GET_LOCK, which
 * locks no table and writes nothing), as Storage\OwnedIds does.
 */
final class RequestClaim {

	/** Prefix of the claim rows in the options table (removed by uninstall). */
	public const OPTION_PREFIX = '_flashnode_connector_claim_';

	/** Claims older than a day are forgotten. */
	private const KEEP_SECONDS = 86400;

	/** At most this many expired claims are deleted per claim (there are only as many as clicks on creating buttons). */
	private const EXPIRE_BATCH = 50;

	/** Seconds to wait for a racing request holding the same claim's lock: it holds it for two short queries. */
	private const LOCK_WAIT_SECONDS = 5;

	/**
	 * Claims a request id for an action; true for the first request only.
	 *
	 * @param string $action     What the request does, e.g. 'create_key'.
	 * @param string $request_id The id the page generated for this click.
	 */
	public static function claim( string $action, string $request_id ): bool {
		global $wpdb;
		$hash = md5( $action . '|' . $request_id );
		$name = self::OPTION_PREFIX . $hash;
		$lock = 'flashnode_claim:' . $hash; // MySQL lock names: 64 characters at most.
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- a named lock and reads; the row is written with add_option().
		if ( '1' !== (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK( %s, %d )', $lock, self::LOCK_WAIT_SECONDS ) ) ) {
			return false; // A racing request with the same id still holds it: it is the one that acts.
		}
		try {
			self::forget_expired();
			// Read from the table, not through get_option(): this request's options cache may predate the other
			// request's claim.
			$taken = null !== $wpdb->get_var( $wpdb->prepare( "SELECT option_id FROM {$wpdb->options} WHERE option_name = %s", $name ) );
			return ! $taken && add_option( $name, (string) time(), '', false );
		} finally {
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK( %s )', $lock ) );
		}
		// phpcs:enable
	}

	/**
	 * Deletes claims older than KEEP_SECONDS through the options API, so the table does not grow for ever.
	 */
	private static function forget_expired(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a read: WordPress has no API to list options by prefix.
		$expired = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST( option_value AS UNSIGNED ) < %d LIMIT %d",
				$wpdb->esc_like( self::OPTION_PREFIX ) . '%',
				time() - self::KEEP_SECONDS,
				self::EXPIRE_BATCH
			)
		);
		foreach ( (array) $expired as $name ) {
			delete_option( (string) $name );
		}
	}

	/**
	 * The 409 for a request id seen before.
	 */
	public static function duplicate(): \WP_Error {
		return new \WP_Error(
			'flashnode_duplicate_request',
			__( 'This request was already handled (double click or retry), so nothing was created twice. Reload the page to see the result.', 'flashnode-connector' ),
			array( 'status' => 409 )
		);
	}

	/**
	 * Schema of the request id argument, shared by the creating routes.
	 *
	 * @return array<string,mixed>
	 */
	public static function arg_schema(): array {
		return array(
			'description' => __( 'A new random id for each click, so a repeated request does not act twice.', 'flashnode-connector' ),
			'type'        => 'string',
			'pattern'     => '^[A-Za-z0-9_-]{8,64}$',
			'required'    => true,
		);
	}
}
