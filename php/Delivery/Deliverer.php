<?php
/**
 * Delivers one connection's order changes, from its cursor, in one batch bounded in time.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Http\OutboundUrl;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the change log after the connection's cursor through the feed (Feed::page(): only changes whose
 * transactions are committed, so nothing below the cursor can appear later) and sends each change in cursor
 * order. A change is delivered when every webhook it goes to answered 2xx; then the cursor moves past it. When one
 * fails, the batch stops and that change is tried again after RetrySchedule's delay: nothing of the connection
 * overtakes it, so a receiver sees each order's changes in order, and no change is ever skipped. A retry sends the
 * same event id (the cursor) with a higher X-Flashnode-Attempt: the receiver's only duplicates.
 *
 * One batch runs for at most BUDGET seconds (one timeout included) and holds a lock, so two runners never send
 * the same connection's changes at once. Each connection is its own Action Scheduler action (Dispatcher), run in a
 * request of its own while other connections deliver too (Workers), so a slow receiver only ever delays its own
 * connection.
 */
final class Deliverer {

	/** Seconds a batch may start new deliveries for. */
	public const BUDGET = 20;

	/** Changes read per page of the log. */
	private const PAGE = 25;

	/**
	 * Runs one batch.
	 *
	 * @param string $id Connection id.
	 * @return array{outcome:string,next_at:?int,delivered:int} outcome: 'caught_up', 'more' (budget used), 'retry'
	 *                                                        (next_at), 'waiting' (not due before next_at), 'busy',
	 *                                                        'not_delivering'.
	 */
	public static function run( string $id ): array {
		$record = Connections::get( $id );
		if ( null === $record || ! Adoption::delivers( $record ) ) {
			return self::outcome( 'not_delivering' );
		}
		if ( ! Lock::acquire( $id ) ) {
			return self::outcome( 'busy' );
		}
		try {
			return self::batch( $record );
		} finally {
			Lock::release( $id );
		}
	}

	/**
	 * The batch itself (the lock held).
	 *
	 * @param array<string,mixed> $record The connection.
	 * @return array{outcome:string,next_at:?int,delivered:int}
	 */
	private static function batch( array $record ): array {
		$id    = (string) $record['id'];
		$state = DeliveryState::get( $id );
		if ( $state['next_attempt_at'] > time() ) {
			return self::outcome( 'waiting', $state['next_attempt_at'] );
		}
		$webhooks  = Adoption::webhooks( $record );
		$started   = microtime( true );
		$attempts  = array();
		$delivered = 0;
		try {
			while ( microtime( true ) - $started < self::BUDGET ) {
				$page = Feed::page( $state['cursor'], self::PAGE );
				if ( array() === $page['changes'] ) {
					$state['cursor']        = max( $state['cursor'], (int) $page['next_cursor'] );
					$state['failing_since'] = null;
					DeliveryState::save( $id, $state );
					return self::outcome( 'caught_up', null, $delivered );
				}
				foreach ( $page['changes'] as $change ) {
					if ( microtime( true ) - $started >= self::BUDGET ) {
						return self::outcome( 'more', null, $delivered );
					}
					$result   = self::deliver( $change, $webhooks, (string) $record['delivery_format'], $state['failures'] + 1 );
					$attempts = array_merge( $attempts, $result['attempts'] );
					if ( ! $result['ok'] ) {
						++$state['failures'];
						$state['failing_since']   = $state['failing_since'] ?? time();
						$state['next_attempt_at'] = time() + RetrySchedule::delay( $state['failures'] );
						DeliveryState::save( $id, $state );
						return self::outcome( 'retry', $state['next_attempt_at'], $delivered );
					}
					$delivered += array() === $result['attempts'] ? 0 : 1;
					$state      = array_merge(
						$state,
						array(
							'cursor'          => (int) $change['cursor'],
							'failures'        => 0,
							'next_attempt_at' => 0,
							'failing_since'   => null,
						)
					);
					// After every change: a runner killed mid-batch resends at most the change it was sending.
					DeliveryState::save( $id, $state );
				}
			}
			return self::outcome( 'more', null, $delivered );
		} finally {
			DeliveryState::append( $id, $attempts );
		}
	}

	/**
	 * Sends one change to each webhook it goes to; stops at the first that fails.
	 *
	 * @param array<string,mixed>              $change   Feed change object.
	 * @param array<string,array<\WC_Webhook>> $webhooks The connection's order webhooks by topic.
	 * @param string                           $format   Delivery format.
	 * @param int                              $attempt  Attempt number of this change.
	 * @return array{ok:bool,attempts:array<int,array<string,mixed>>}
	 */
	private static function deliver( array $change, array $webhooks, string $format, int $attempt ): array {
		self::forget_objects_in_memory();
		$order   = wc_get_order( (int) $change['order_id'] );
		$topic   = Message::topic( $change, $order instanceof \WC_Order );
		$targets = $webhooks[ $topic ] ?? ( 'order.created' === $topic ? ( $webhooks['order.updated'] ?? array() ) : array() );
		$log     = array();
		foreach ( $targets as $webhook ) {
			$started = microtime( true );
			$error   = '';
			$code    = 0;
			try {
				$request = Message::build( $change, $webhook, $format, $attempt );
				$problem = OutboundUrl::problem( $request['url'] );
				$answer  = null === $problem ? wp_safe_remote_request( $request['url'], $request['args'] ) : $problem;
				$code    = is_wp_error( $answer ) ? 0 : (int) wp_remote_retrieve_response_code( $answer );
				$error   = is_wp_error( $answer ) ? $answer->get_error_message() : '';
			} catch ( \Throwable $e ) {
				// A payload WooCommerce could not build (a broken order, another plugin's filter) is a failure to
				// retry, not a reason to skip the change.
				$error = $e->getMessage();
			}
			$ok    = $code >= 200 && $code < 300;
			$log[] = array(
				'at'          => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'cursor'      => (int) $change['cursor'],
				'order_id'    => (int) $change['order_id'],
				'event'       => (string) $change['event'],
				'topic'       => $topic,
				'attempt'     => $attempt,
				'http_status' => $code,
				'duration_ms' => (int) round( ( microtime( true ) - $started ) * 1000 ),
				'error'       => '' !== $error ? $error : ( $ok ? '' : sprintf( 'HTTP %d', $code ) ),
			);
			if ( ! $ok ) {
				return array(
					'ok'       => false,
					'attempts' => $log,
				);
			}
		}
		return array(
			'ok'       => true,
			'attempts' => $log,
		);
	}

	/**
	 * The runner is one long process (a queue runner, WP-CLI): an order it loaded earlier stays in its object cache
	 * after another request saved it, so a payload built from it would be older than its change. Forgetting what
	 * this process holds in memory makes each payload the order as stored now. A persistent object cache is shared
	 * and kept current by the saving request; only the copies this process holds are dropped
	 * (wp_cache_flush_runtime(), WordPress 6.0+), without touching anyone else's cache.
	 */
	private static function forget_objects_in_memory(): void {
		if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} elseif ( ! wp_using_ext_object_cache() ) {
			wp_cache_flush();
		}
	}

	/**
	 * A batch's outcome.
	 *
	 * @param string   $outcome   What happened.
	 * @param int|null $next_at   When to run next (retry, waiting).
	 * @param int      $delivered Changes delivered.
	 * @return array{outcome:string,next_at:?int,delivered:int}
	 */
	private static function outcome( string $outcome, ?int $next_at = null, int $delivered = 0 ): array {
		return array(
			'outcome'   => $outcome,
			'next_at'   => $next_at,
			'delivered' => $delivered,
		);
	}
}
