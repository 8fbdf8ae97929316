<?php
/**
 * When a failed delivery is tried again, and when a connection counts as late or failing.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

defined( 'ABSPATH' ) || exit;

/**
 * Shopify retries 8 times over 4 hours, Stripe for 3 days, WooCommerce once. A delivery here is never dropped:
 * 1 min, 5 min, 30 min, 2 h, 6 h, then every 12 h for as long as it takes. After 7 days of failures the
 * connection is marked failing (still retried), and it catches up from its cursor when the receiver is back.
 */
final class RetrySchedule {

	/** Seconds before each retry; the last one repeats. */
	public const DELAYS = array( 60, 300, 1800, 7200, 21600, 43200 );

	/** A connection whose head change has failed for this long is "failing". */
	public const FAILING_AFTER = 7 * DAY_IN_SECONDS;

	/** A connection whose oldest undelivered change is older than this is "late": notice, Site Health, e-mail. */
	public const LATE_AFTER = 15 * MINUTE_IN_SECONDS;

	/**
	 * Seconds to wait after the given number of consecutive failures of one change.
	 *
	 * The filter exists for the plugin's own fault tests, which compress hours into seconds
	 * (tests/stack/mu-plugins); a shop has no reason to use it, and a value that is not a list of positive whole
	 * seconds is ignored.
	 *
	 * @param int $failures Consecutive failures so far (1 after the first).
	 */
	public static function delay( int $failures ): int {
		$delays = apply_filters( 'flashnode_connector_delivery_retry_delays', self::DELAYS );
		if ( ! is_array( $delays ) || array() === $delays || array() !== array_filter(
			$delays,
			static function ( $delay ): bool {
				return ! is_int( $delay ) || $delay < 1;
			}
		) ) {
			$delays = self::DELAYS;
		}
		$delays = array_values( $delays );
		return $delays[ min( max( 1, $failures ), count( $delays ) ) - 1 ];
	}

	/**
	 * Seconds after which an undelivered change makes its connection late (test-only filter, as above).
	 */
	public static function late_after(): int {
		return max( 1, (int) apply_filters( 'flashnode_connector_delivery_late_after', self::LATE_AFTER ) );
	}
}
