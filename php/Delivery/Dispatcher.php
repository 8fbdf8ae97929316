<?php
/**
 * Runs deliveries in Action Scheduler: never on a storefront request, one action per connection.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Feed\ChangeLog;

defined( 'ABSPATH' ) || exit;

/**
 * A recurring tick (every minute, while some connection delivers) looks for connections with undelivered
 * changes that are due and queues one `flashnode_connector_deliver` action for each; that action runs one batch
 * (Deliverer) and queues its own follow-up: at once while there is more, at the retry time after a failure.
 * While more than one connection delivers, that batch runs in a request of its own (Workers), so one slow
 * receiver never holds the others' batches in the queue runner.
 * Checkout adds nothing to this: a change is one INSERT into the log, and the tick finds it.
 */
final class Dispatcher {

	/** Recurring action that finds the work. */
	public const TICK_HOOK = 'flashnode_connector_deliveries_tick';

	/** One connection's batch; its only argument is the connection id. */
	public const HOOK = 'flashnode_connector_deliver';

	/** Seconds between ticks. */
	private const TICK_SECONDS = 60;

	/**
	 * Starts workers, and is one in admin-ajax.php (see worker()).
	 *
	 * @var WorkerRequest|null
	 */
	private static $worker = null;

	/**
	 * Hooks in, by name (every request: Action Scheduler runs in cron, async and WP-CLI requests). A storefront
	 * page loads no other delivery class: existing connections move over in an owner's, REST, cron or WP-CLI
	 * request (a shop updates the plugin in one of those), and the worker's handler exists only in its own
	 * admin-ajax.php request.
	 */
	public static function register(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing only; the worker checks its nonce.
		if ( wp_doing_ajax() && isset( $_REQUEST['action'] ) && Workers::AJAX_PREFIX . '_' . Workers::AJAX_ACTION === $_REQUEST['action'] ) {
			self::worker();
		}
		if ( is_admin() || wp_doing_cron() || ( defined( 'WP_CLI' ) && constant( 'WP_CLI' ) ) ) {
			add_action( 'init', array( self::class, 'maybe_migrate' ), 20 );
		}
		add_action( 'rest_api_init', array( self::class, 'maybe_migrate' ) );
		add_action( self::TICK_HOOK, array( self::class, 'tick' ) );
		add_action( self::HOOK, array( self::class, 'deliver' ) );
		add_filter( 'woocommerce_webhook_should_deliver', array( Adoption::class, 'keep_woocommerce_quiet' ), 10, 2 );
		add_action( 'flashnode_connector_connected', array( self::class, 'connected' ), 10, 2 );
		add_action( 'flashnode_connector_disconnected', array( self::class, 'forget' ) );
		add_action( 'flashnode_connector_disconnected', array( Alerts::class, 'forget' ) );
		add_action( 'shutdown', array( self::class, 'wake' ), 5 );
		if ( is_admin() ) {
			add_action( 'admin_init', array( self::class, 'schedule' ) );
		}
	}

	/**
	 * A service accepted its grants: its order webhooks become the plugin's deliveries.
	 *
	 * @param mixed $record The connection.
	 * @param mixed $format Delivery format the link asked for (null: the connection's, or the default).
	 */
	public static function connected( $record, $format = null ): void {
		if ( is_array( $record ) ) {
			Adoption::adopt( $record, is_string( $format ) ? $format : null );
			self::schedule();
		}
	}

	/**
	 * A connection went: its delivery state goes once no batch of it runs. A batch still sending would save its
	 * state again afterwards, into a connection approved again under the same id (the same callback host). Waits
	 * at most 25 s (a batch's budget and most of one timeout), within PHP's usual 30 s for the owner's request.
	 *
	 * @param mixed $id Connection id.
	 */
	public static function forget( $id ): void {
		$id   = (string) $id;
		$held = Lock::wait( $id, 25 );
		DeliveryState::forget( $id );
		if ( $held ) {
			Lock::release( $id );
		}
	}

	/**
	 * Moves existing connections over once (Adoption), and schedules the tick when that made some deliver.
	 */
	public static function maybe_migrate(): void {
		if ( Adoption::maybe_migrate() ) {
			self::schedule();
		}
	}

	/**
	 * Keeps the tick scheduled while some connection delivers, and unscheduled otherwise.
	 */
	public static function schedule(): void {
		if ( ! function_exists( 'as_has_scheduled_action' ) ) {
			return;
		}
		$needed    = array() !== self::delivering();
		$scheduled = as_has_scheduled_action( self::TICK_HOOK, array(), ChangeLog::SCHEDULER_GROUP );
		if ( $needed && ! $scheduled ) {
			as_schedule_recurring_action( time(), self::TICK_SECONDS, self::TICK_HOOK, array(), ChangeLog::SCHEDULER_GROUP );
		} elseif ( ! $needed && $scheduled ) {
			as_unschedule_all_actions( self::TICK_HOOK, array(), ChangeLog::SCHEDULER_GROUP );
		}
	}

	/**
	 * The tick: queues a batch for each delivering connection that has something due, and raises late alerts.
	 */
	public static function tick(): void {
		$head       = ChangeLog::head();
		$delivering = self::delivering();
		foreach ( $delivering as $record ) {
			$state = DeliveryState::get( $record['id'] );
			if ( $state['cursor'] < $head && $state['next_attempt_at'] <= time() ) {
				self::queue( $record['id'] );
			}
		}
		Alerts::update( $delivering );
	}

	/**
	 * The action: one connection's batch, in a worker of its own while others deliver too (Workers), else here.
	 *
	 * @param mixed $id Connection id.
	 */
	public static function deliver( $id ): void {
		$id     = (string) $id;
		$worker = self::worker();
		if ( null === $worker || ! Workers::hand_over( array( $worker, 'dispatch_for' ), $id, count( self::delivering() ) ) ) {
			self::deliver_here( $id );
		}
	}

	/**
	 * The async request that starts workers, made where it is needed: where an action delivers, and in
	 * admin-ajax.php, whose `wp_ajax_(nopriv_)flashnode_connector_deliver` it registers for the worker itself.
	 * Never on a storefront page. Null without WP_Async_Request (bundled with WooCommerce's Action Scheduler).
	 */
	private static function worker(): ?WorkerRequest {
		if ( null === self::$worker && class_exists( 'WP_Async_Request' ) ) {
			self::$worker = new WorkerRequest( array( self::class, 'work' ) );
		}
		return self::$worker;
	}

	/**
	 * A worker's job, in its own request (WorkerRequest): loopbacks get through, and the batch runs.
	 *
	 * @param string $id Connection id.
	 */
	public static function work( string $id ): void {
		Workers::arrived();
		self::deliver_here( $id );
	}

	/**
	 * One connection's batch in this process, and its follow-up.
	 *
	 * @param string $id Connection id.
	 */
	public static function deliver_here( string $id ): void {
		self::deliver_follow_up( $id, Deliverer::run( $id ) );
	}

	/**
	 * Queues what a batch left to do: more at once, or the retry at its time.
	 *
	 * @param string                                           $id     Connection id.
	 * @param array{outcome:string,next_at:?int,delivered:int} $result The batch's outcome.
	 */
	public static function deliver_follow_up( string $id, array $result ): void {
		if ( 'more' === $result['outcome'] ) {
			self::queue( $id );
		} elseif ( in_array( $result['outcome'], array( 'retry', 'waiting' ), true ) && null !== $result['next_at'] ) {
			self::queue( $id, $result['next_at'] );
		}
	}

	/**
	 * After a request that changed orders in wp-admin, through the REST API (wc/v1–v3, the plugin's routes),
	 * WP-CLI or cron: queues the connections' batches now rather than at the next tick, so such changes go out
	 * as soon as Action Scheduler runs. Never after a storefront request (pages, Store API, AJAX): checkout adds
	 * nothing but its change-log row, and the tick finds it within a minute.
	 */
	public static function wake(): void {
		if ( ! ChangeLog::written() || ! self::may_wake() ) {
			return;
		}
		foreach ( self::delivering() as $record ) {
			if ( DeliveryState::get( $record['id'] )['next_attempt_at'] <= time() ) {
				self::queue( $record['id'] );
			}
		}
	}

	/**
	 * Whether this request is an owner's or an integration's, not a shopper's.
	 */
	private static function may_wake(): bool {
		if ( ( defined( 'WP_CLI' ) && constant( 'WP_CLI' ) ) || wp_doing_cron() ) {
			return true;
		}
		if ( defined( 'REST_REQUEST' ) && constant( 'REST_REQUEST' ) ) {
			$route = '/' . ltrim( (string) ( $GLOBALS['wp']->query_vars['rest_route'] ?? '' ), '/' );
			return 1 === preg_match( '#^/(wc/v[123]|flashnode/v1|wc-flashnode/v1)(/|$)#', $route );
		}
		return is_admin() && ! wp_doing_ajax();
	}

	/**
	 * "Retry now": the next attempt is due at once, and a batch is queued.
	 *
	 * @param string $id Connection id.
	 */
	public static function retry_now( string $id ): void {
		$state                    = DeliveryState::get( $id );
		$state['next_attempt_at'] = 0;
		DeliveryState::save( $id, $state );
		self::queue( $id );
	}

	/**
	 * Queues a batch for a connection unless one is pending already (an earlier pending one at a later time is
	 * replaced, so "retry now" is not held up by a retry scheduled for hours later).
	 *
	 * @param string $id   Connection id.
	 * @param int    $when Unix time; 0: as soon as possible.
	 */
	public static function queue( string $id, int $when = 0 ): void {
		if ( ! function_exists( 'as_get_scheduled_actions' ) ) {
			return;
		}
		$pending = as_get_scheduled_actions(
			array(
				'hook'   => self::HOOK,
				'args'   => array( $id ),
				'group'  => ChangeLog::SCHEDULER_GROUP,
				'status' => \ActionScheduler_Store::STATUS_PENDING,
			)
		);
		if ( array() !== $pending ) {
			$next = PHP_INT_MAX;
			foreach ( $pending as $action ) {
				$date = $action->get_schedule()->get_date();
				$next = min( $next, null === $date ? 0 : $date->getTimestamp() );
			}
			if ( $next <= max( $when, time() ) ) {
				return;
			}
			as_unschedule_all_actions( self::HOOK, array( $id ), ChangeLog::SCHEDULER_GROUP );
		}
		if ( $when > time() ) {
			as_schedule_single_action( $when, self::HOOK, array( $id ), ChangeLog::SCHEDULER_GROUP );
		} else {
			as_enqueue_async_action( self::HOOK, array( $id ), ChangeLog::SCHEDULER_GROUP );
		}
	}

	/**
	 * The connections the plugin delivers to.
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public static function delivering(): array {
		return array_values( array_filter( Connections::all(), array( Adoption::class, 'delivers' ) ) );
	}
}
