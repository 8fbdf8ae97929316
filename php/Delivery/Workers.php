<?php
/**
 * Each connection's batch in a request of its own, so that one slow receiver never delays another connection.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

defined( 'ABSPATH' ) || exit;

/**
 * Action Scheduler runs the actions it claimed one after the other in one process: a receiver that hangs holds
 * every connection's batch queued behind it for the 10 s timeout, at each of its retries. So when more than one
 * connection delivers, the `flashnode_connector_deliver` action does not send anything itself: it starts the
 * connection's batch in a loopback request of its own (WorkerRequest, WooCommerce's bundled WP_Async_Request, the
 * way Action Scheduler starts its own async runner and WordPress its cron) and is done. With one connection there
 * is nothing to isolate, and the batch runs in the action, as before.
 *
 * Loopbacks can be blocked (a firewall, HTTP authentication, admin-ajax.php refused). Nothing waits for them, so
 * their arrival is watched instead: a worker that has not arrived ARRIVAL_SECONDS after a hand-over means they do
 * not get through, and batches run in the action again (deliveries go on, only without the isolation), with a
 * probe once every PROBE_SECONDS to notice when they get through again. Either way nothing is lost: a batch that
 * never ran leaves its changes after the cursor, and the next tick queues them again.
 */
final class Workers {

	/** The worker's AJAX action is "{AJAX_PREFIX}_{AJAX_ACTION}" (WP_Async_Request's naming): flashnode_connector_deliver. */
	public const AJAX_PREFIX = 'flashnode_connector';

	/** See AJAX_PREFIX. */
	public const AJAX_ACTION = 'deliver';

	/** State: {waiting_since: oldest unanswered hand-over, arrived_at: last worker, probed_at} (Unix times). */
	public const OPTION = 'flashnode_connector_workers';

	/** Seconds a hand-over's worker may take to arrive before loopbacks count as blocked. */
	public const ARRIVAL_SECONDS = 120;

	/** Seconds between probes while loopbacks count as blocked. */
	private const PROBE_SECONDS = 3600;

	/**
	 * Starts a connection's batch in a worker of its own when there is another connection to isolate it from.
	 *
	 * @param callable $start      Starts a worker for a connection id (WorkerRequest::dispatch_for).
	 * @param string   $id         Connection id.
	 * @param int      $delivering How many connections deliver.
	 * @return bool Whether a worker has the batch (false: run it here).
	 */
	public static function hand_over( callable $start, string $id, int $delivering ): bool {
		if ( $delivering < 2 ) {
			return false;
		}
		$state = self::state();
		$now   = time();
		if ( self::blocked( $state, $now ) ) {
			if ( $now - $state['probed_at'] >= self::PROBE_SECONDS ) {
				$state['probed_at'] = $now;
				self::save( $state );
				$start( $id );
			}
			return false;
		}
		if ( 0 === $state['waiting_since'] ) {
			$state['waiting_since'] = $now;
			self::save( $state );
		}
		$start( $id );
		return true;
	}

	/**
	 * A worker arrived: loopbacks get through.
	 */
	public static function arrived(): void {
		$state                  = self::state();
		$state['waiting_since'] = 0;
		$state['arrived_at']    = time();
		self::save( $state );
	}

	/**
	 * Whether loopbacks count as blocked now (batches run one after the other in the queue runner).
	 */
	public static function loopbacks_blocked(): bool {
		return self::blocked( self::state(), time() );
	}

	/**
	 * Whether a hand-over has waited too long for its worker.
	 *
	 * @param array{waiting_since:int,arrived_at:int,probed_at:int} $state State.
	 * @param int                                                   $now   Unix time.
	 */
	private static function blocked( array $state, int $now ): bool {
		return 0 !== $state['waiting_since'] && $now - $state['waiting_since'] >= self::ARRIVAL_SECONDS;
	}

	/**
	 * The state (read past the object cache: workers in other processes write it).
	 *
	 * @return array{waiting_since:int,arrived_at:int,probed_at:int}
	 */
	private static function state(): array {
		wp_cache_delete( self::OPTION, 'options' );
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'waiting_since' => max( 0, (int) ( $stored['waiting_since'] ?? 0 ) ),
			'arrived_at'    => max( 0, (int) ( $stored['arrived_at'] ?? 0 ) ),
			'probed_at'     => max( 0, (int) ( $stored['probed_at'] ?? 0 ) ),
		);
	}

	/**
	 * Saves the state (not autoloaded: only runners read it).
	 *
	 * @param array{waiting_since:int,arrived_at:int,probed_at:int} $state State.
	 */
	private static function save( array $state ): void {
		update_option( self::OPTION, $state, false );
	}
}
