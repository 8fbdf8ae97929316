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
 * instead of a second key or webhook. The claim is an INSERT IGNORE on the options table's unique key, so two
 * requests arriving at the same moment cannot both win (add_option() can: it upserts).
 */
final class RequestClaim {

	/** Prefix of the claim rows in the options table (removed by uninstall). */
	public const OPTION_PREFIX = '_flashnode_connector_claim_';

	/** Claims older than a day are forgotten. */
	private const KEEP_SECONDS = 86400;

	/**
	 * Claims a request id for an action; true for the first request only.
	 *
	 * @param string $action     What the request does, e.g. 'create_key'.
	 * @param string $request_id The id the page generated for this click.
	 */
	public static function claim( string $action, string $request_id ): bool {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- an atomic insert has no WordPress API; the rows are never cached.
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND option_value < %d",
				$wpdb->esc_like( self::OPTION_PREFIX ) . '%',
				time() - self::KEEP_SECONDS
			)
		);
		$inserted = $wpdb->query(
			$wpdb->prepare(
				"INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')",
				self::OPTION_PREFIX . md5( $action . '|' . $request_id ),
				(string) time()
			)
		);
		// phpcs:enable
		return 1 === $inserted;
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
