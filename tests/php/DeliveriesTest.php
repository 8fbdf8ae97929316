<?php
/**
 * The plugin's own order deliveries: formats, order, retries, resend, migration, alerts and the admin routes.
 *
 * Orders, the change log, connections, webhooks and Action Scheduler are the running shop's own; only the
 * receiver is simulated, at the outbound boundary (pre_http_request). The fault test with a real receiver over
 * HTTP is tests/e2e/push-deliveries.spec.ts.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\LateDeliveriesNotice;
use Flashnode\Connector\Admin\ResendActions;
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Delivery\Adoption;
use Flashnode\Connector\Delivery\Alerts;
use Flashnode\Connector\Delivery\Deliverer;
use Flashnode\Connector\Delivery\DeliveryState;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Delivery\Resend;
use Flashnode\Connector\Delivery\RetrySchedule;
use Flashnode\Connector\Delivery\Status;
use Flashnode\Connector\Delivery\Workers;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\Checks\DeliveriesCheck;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Support\ConnectionFacts;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Every change reaches the receiver, in order, retried with the same event id until it answers 2xx.
 */
final class DeliveriesTest extends FeedTestCase {

	use ConnectsAService;

	/** Where the simulated service receives deliveries. */
	private const HOOKS = 'https://203.0.113.21/hooks';

	/**
	 * Requests that reached the receiver: url, headers, body.
	 *
	 * @var array<int,array{url:string,headers:array<string,string>,body:string}>
	 */
	private $received = array();

	/**
	 * Status codes the receiver answers next, in turn; 200 once used up.
	 *
	 * @var int[]
	 */
	private $answers = array();

	/**
	 * The receiver's filter.
	 *
	 * @var callable|null
	 */
	private $receiver;

	/**
	 * Removes the test's connections (grants and delivery state) and the receiver.
	 */
	protected function tearDown(): void {
		if ( null !== $this->receiver ) {
			remove_filter( 'pre_http_request', $this->receiver, 20 );
		}
		remove_all_filters( 'flashnode_connector_delivery_late_after' );
		$this->disconnect_services();
		delete_option( Alerts::OPTION );
		parent::tearDown();
	}

	/**
	 * Connects a service through the approval route, with webhooks for the order topics; its receiver is this
	 * test's.
	 *
	 * @param array<string,string> $changes Link parameters to change.
	 * @return array<string,mixed> The connection record.
	 */
	private function connect( array $changes = array() ): array {
		$record         = $this->connect_service( self::HOOKS, $changes );
		$this->receiver = function ( $pre, $args, $url ) {
			if ( 0 !== strpos( (string) $url, self::HOOKS ) ) {
				return $pre;
			}
			$this->received[] = array(
				'url'     => (string) $url,
				'headers' => (array) $args['headers'],
				'body'    => (string) $args['body'],
			);
			return self::http_response( array() === $this->answers ? 200 : (int) array_shift( $this->answers ) );
		};
		// After the hand-off's simulated service (which answers every request): the deliveries are this one's.
		add_filter( 'pre_http_request', $this->receiver, 20, 3 );
		return $record;
	}

	/**
	 * The secret the service got in its hand-off.
	 */
	private function secret(): string {
		foreach ( $this->outbound as $request ) {
			$body = json_decode( (string) ( $request['args']['body'] ?? '' ), true );
			if ( is_array( $body ) && isset( $body['webhook_secret'] ) ) {
				return (string) $body['webhook_secret'];
			}
		}
		$this->fail( 'The hand-off carried a webhook secret.' );
	}

	/**
	 * The received deliveries about one order: [event id, attempt, topic, body].
	 *
	 * @param int $order_id Order.
	 * @return array<int,array{0:int,1:int,2:string,3:array<string,mixed>}>
	 */
	private function received_for( int $order_id ): array {
		$out = array();
		foreach ( $this->received as $request ) {
			$body = (array) json_decode( $request['body'], true );
			$id   = (int) ( $body['id'] ?? $body['change']['order_id'] ?? 0 );
			if ( $id === $order_id ) {
				$topic = $request['headers']['X-WC-Webhook-Topic'] ?? $request['headers']['X-Flashnode-Topic'];
				$out[] = array( (int) $request['headers']['X-Flashnode-Event-Id'], (int) $request['headers']['X-Flashnode-Attempt'], (string) $topic, $body );
			}
		}
		return $out;
	}

	/**
	 * Approving with a webhook URL makes the order topics the plugin's deliveries: WooCommerce's webhooks for them
	 * are paused and kept quiet, other topics stay WooCommerce's, and the cursor starts at the log's head.
	 */
	public function test_approval_moves_order_webhooks_to_the_plugin(): void {
		$head   = ChangeLog::head();
		$record = $this->connect();
		$this->assertSame( 'woocommerce', $record['delivery_format'] );
		$statuses = array();
		foreach ( $record['webhook_ids'] as $webhook_id ) {
			$webhook                                    = WebhookRegistry::find( $webhook_id );
			$statuses[ (string) $webhook->get_topic() ] = (string) $webhook->get_status();
			$this->assertSame( 0 !== strpos( (string) $webhook->get_topic(), 'order.' ), apply_filters( 'woocommerce_webhook_should_deliver', true, $webhook, 1 ), 'WooCommerce sends no order topic itself, even if switched on.' );
		}
		ksort( $statuses );
		$this->assertSame(
			array(
				'order.created'   => 'paused',
				'order.deleted'   => 'paused',
				'order.updated'   => 'paused',
				'product.updated' => 'active',
			),
			$statuses
		);
		$this->assertGreaterThanOrEqual( $head, DeliveryState::get( $record['id'] )['cursor'] );
		$this->assertTrue( as_has_scheduled_action( Dispatcher::TICK_HOOK, array(), ChangeLog::SCHEDULER_GROUP ), 'The tick is scheduled.' );
		$hand_off = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertSame( 'woocommerce', $hand_off['delivery_format'], 'The service is told the format.' );
	}

	/**
	 * The woocommerce format is WooCommerce's own request, signed with WooCommerce's algorithm, in cursor order,
	 * each body built at delivery time (so never older than its change).
	 */
	public function test_woocommerce_format_in_order_and_current(): void {
		$record = $this->connect();
		$head   = ChangeLog::head();
		$order  = $this->order( 'pending' );
		$order->set_status( 'processing' );
		$order->save();
		$order->set_status( 'completed' );
		$order->save();
		$result = Deliverer::run( $record['id'] );
		$this->assertSame( 'caught_up', $result['outcome'] );
		$got = $this->received_for( $order->get_id() );
		// One delivery per change the log holds (WooCommerce saves an order several times per status change).
		$this->assertCount( count( self::events( $head, $order->get_id() ) ), $got );
		$this->assertSame( 'order.created', $got[0][2] );
		$this->assertSame( array( 'order.updated' ), array_values( array_unique( array_column( array_slice( $got, 1 ), 2 ) ) ) );
		$ids = array_column( $got, 0 );
		$this->assertSame( $ids, array_values( array_unique( $ids ) ) );
		$sorted = $ids;
		sort( $sorted );
		$this->assertSame( $sorted, $ids, 'In cursor order.' );
		foreach ( $got as $delivery ) {
			$this->assertSame( 'completed', $delivery[3]['status'], 'Built from the order as it is when delivered.' );
			$this->assertSame( 1, $delivery[1] );
		}
		$secret = $this->secret();
		foreach ( $this->received as $request ) {
			$expected = base64_encode( hash_hmac( 'sha256', $request['body'], $secret, true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
			$this->assertSame( $expected, $request['headers']['X-WC-Webhook-Signature'] );
			$this->assertSame( $expected, $request['headers']['X-Flashnode-Signature'] );
			foreach ( array( 'X-WC-Webhook-Source', 'X-WC-Webhook-Resource', 'X-WC-Webhook-Event', 'X-WC-Webhook-ID', 'X-WC-Webhook-Delivery-ID' ) as $header ) {
				$this->assertNotSame( '', (string) ( $request['headers'][ $header ] ?? '' ), $header );
			}
		}
		$this->assertSame( max( $ids ), DeliveryState::get( $record['id'] )['cursor'] );
	}

	/**
	 * A refused delivery stops the connection's batch; the same change is retried after the schedule's delay with
	 * the same event id and the next attempt number, and nothing overtakes it.
	 */
	public function test_failure_retries_the_same_event_and_nothing_overtakes_it(): void {
		$record        = $this->connect();
		$first         = $this->order();
		$second        = $this->order();
		$this->answers = array( 500 );
		$result        = Deliverer::run( $record['id'] );
		$this->assertSame( 'retry', $result['outcome'] );
		$this->assertEqualsWithDelta( time() + 60, (int) $result['next_at'], 2, 'First retry after a minute.' );
		$this->assertSame( array(), $this->received_for( $second->get_id() ), 'Nothing after the failed change was sent.' );
		$this->assertSame( 'waiting', Deliverer::run( $record['id'] )['outcome'], 'Not before its time.' );
		$log = DeliveryState::log( $record['id'] );
		$this->assertSame( 500, $log[0]['http_status'] );
		$this->assertSame( 'HTTP 500', $log[0]['error'] );
		$this->assertSame( $first->get_id(), $log[0]['order_id'] );

		Dispatcher::retry_now( $record['id'] );
		$this->assertSame( 'caught_up', Deliverer::run( $record['id'] )['outcome'] );
		$got = $this->received_for( $first->get_id() );
		$this->assertSame( array( 1, 2 ), array_slice( array_column( $got, 1 ), 0, 2 ), 'Attempt 1, then 2.' );
		$this->assertSame( $got[0][0], $got[1][0], 'The same event id on the retry.' );
		$this->assertSame( array( 1 ), array_values( array_unique( array_column( array_slice( $got, 2 ), 1 ) ) ), 'Later changes: first attempts.' );
		$this->assertGreaterThan( max( array_column( $got, 0 ) ), $this->received_for( $second->get_id() )[0][0], 'The second order after the first.' );
	}

	/**
	 * The schedule: 1 min, 5 min, 30 min, 2 h, 6 h, then every 12 h; never a give-up.
	 */
	public function test_retry_schedule(): void {
		$delays = array();
		foreach ( range( 1, 9 ) as $failures ) {
			$delays[] = RetrySchedule::delay( $failures );
		}
		$this->assertSame( array( 60, 300, 1800, 7200, 21600, 43200, 43200, 43200, 43200 ), $delays );
		$nonsense = static function (): array {
			return array( 0, 'x' );
		};
		add_filter( 'flashnode_connector_delivery_retry_delays', $nonsense );
		$this->assertSame( 60, RetrySchedule::delay( 1 ), 'A filter that is not a list of positive seconds is ignored.' );
		remove_filter( 'flashnode_connector_delivery_retry_delays', $nonsense );
	}

	/**
	 * After 7 days of failures a connection is marked failing, and is still retried (every 12 hours): nothing is
	 * dropped, and it catches up from its cursor once the receiver answers.
	 */
	public function test_failing_after_a_week_and_still_retried(): void {
		$record        = $this->connect();
		$order         = $this->order();
		$this->answers = array( 503 );
		$this->assertSame( 'retry', Deliverer::run( $record['id'] )['outcome'] );
		$state                  = DeliveryState::get( $record['id'] );
		$state['failures']      = 12;
		$state['failing_since'] = time() - 8 * DAY_IN_SECONDS;
		DeliveryState::save( $record['id'], $state );
		$status = Status::of( Connections::get( $record['id'] ) );
		$this->assertTrue( $status['failing'] );
		$this->assertNotNull( $status['failing_since'] );
		$this->assertSame( 43200, RetrySchedule::delay( 13 ), 'Still retried, every 12 hours.' );
		Dispatcher::retry_now( $record['id'] );
		$this->assertSame( 'caught_up', Deliverer::run( $record['id'] )['outcome'] );
		$this->assertSame( 13, $this->received_for( $order->get_id() )[1][1], 'The same change, its 13th attempt.' );
		$this->assertFalse( Status::of( Connections::get( $record['id'] ) )['failing'] );
	}

	/**
	 * The flashnode format: the feed's change object and the order as wc/v3 answers it; a deleted order goes out
	 * as order.deleted without an order.
	 */
	public function test_flashnode_format_and_deleted_orders(): void {
		$record = $this->connect( array( 'delivery_format' => 'flashnode' ) );
		$this->assertSame( 'flashnode', $record['delivery_format'] );
		$order = $this->order();
		$id    = $order->get_id();
		Deliverer::run( $record['id'] );
		$got = $this->received_for( $id );
		$this->assertNotSame( array(), $got );
		$this->assertSame( 'created', $got[0][3]['change']['event'] );
		$this->assertSame( $got[0][0], $got[0][3]['change']['cursor'] );
		$this->assertSame( $id, $got[0][3]['order']['id'] );
		$this->assertSame( 'processing', $got[0][3]['order']['status'] );
		$order->delete( true );
		Deliverer::run( $record['id'] );
		$last = array_slice( $this->received_for( $id ), -1 )[0];
		$this->assertSame( 'order.deleted', $last[2] );
		$this->assertSame( 'deleted', $last[3]['change']['event'] );
		$this->assertNull( $last[3]['order'] );
	}

	/**
	 * "Send again" adds a `resent` change, which the feed lists and the plugin delivers.
	 */
	public function test_resend_adds_a_change_and_delivers_it(): void {
		$record = $this->connect();
		$order  = $this->order();
		Deliverer::run( $record['id'] );
		$head = ChangeLog::head();
		$this->assertSame( array( $order->get_id() ), Resend::orders( array( $order->get_id(), 999999999 ) ), 'Only orders that exist.' );
		$this->assertSame( array( 'resent:processing' ), self::events( $head, $order->get_id() ) );
		Deliverer::run( $record['id'] );
		$last = array_slice( $this->received_for( $order->get_id() ), -1 )[0];
		$this->assertSame( 'order.updated', $last[2] );
		$this->assertGreaterThan( $head, $last[0] );
	}

	/**
	 * The orders list's notice after the bulk action names the action, or (its service disconnected meanwhile) only
	 * says the orders were queued: never "2 orders queued: ." with nothing after the colon.
	 */
	public function test_bulk_resend_notice(): void {
		$record  = $this->connect();
		$actions = new ResendActions();
		$notice  = static function () use ( $actions ): string {
			ob_start();
			$actions->show_result();
			return (string) ob_get_clean();
		};
		$this->assertSame( '', $notice(), 'Nothing without a bulk resend.' );
		$_GET['flashnode_resent'] = '2';
		try {
			$this->assertStringContainsString( 'Send to ' . $record['service_name'] . ' again', (string) ResendActions::label() );
			$this->assertStringContainsString( '>2 orders queued: ' . ResendActions::label() . '.<', $notice() );
			$this->disconnect_services();
			$this->assertNull( ResendActions::label(), 'No service receives deliveries now.' );
			$this->assertStringContainsString( '>2 orders queued to be sent again.<', $notice() );
		} finally {
			unset( $_GET['flashnode_resent'] );
		}
	}

	/**
	 * A connection made before deliveries existed moves over once: its order webhooks are paused and its cursor
	 * starts at the head, so nothing WooCommerce already sent is sent again.
	 */
	public function test_existing_connections_move_over_once(): void {
		$record = $this->connect();
		foreach ( $record['webhook_ids'] as $webhook_id ) {
			$webhook = WebhookRegistry::find( $webhook_id );
			$webhook->set_status( 'active' );
			$webhook->save();
		}
		$record['delivery_format'] = null;
		Connections::save( $record );
		DeliveryState::forget( $record['id'] );
		delete_option( Adoption::MIGRATED_OPTION );
		$order = $this->order();
		Adoption::maybe_migrate();
		$moved = Connections::get( $record['id'] );
		$this->assertSame( 'woocommerce', $moved['delivery_format'] );
		$this->assertSame( 'paused', WebhookRegistry::find( $record['webhook_ids'][0] )->get_status() );
		$this->assertSame( 'caught_up', Deliverer::run( $record['id'] )['outcome'] );
		$this->assertSame( array(), $this->received_for( $order->get_id() ), 'A change before the move was WooCommerce\'s.' );
		$this->assertSame( '1', get_option( Adoption::MIGRATED_OPTION ) );
	}

	/**
	 * A connection late beyond the threshold: one e-mail per incident, a critical readiness result, and both end
	 * when it has caught up.
	 */
	public function test_late_deliveries_alert_once_per_incident(): void {
		$record = $this->connect();
		$mails  = array();
		$catch  = static function ( $pre, $mail ) use ( &$mails ) {
			// WooCommerce's own e-mails (a new order) go out as usual.
			if ( false !== strpos( (string) $mail['subject'], 'not reaching' ) ) {
				$mails[] = $mail;
				return true;
			}
			return $pre;
		};
		add_filter( 'pre_wp_mail', $catch, 10, 2 );
		add_filter(
			'flashnode_connector_delivery_late_after',
			static function (): int {
				return 1;
			}
		);
		$this->answers = array_fill( 0, 5, 503 );
		$this->order();
		Deliverer::run( $record['id'] );
		sleep( 2 );
		Alerts::update( Dispatcher::delivering() );
		Alerts::update( Dispatcher::delivering() );
		remove_filter( 'pre_wp_mail', $catch, 10 );
		$this->assertCount( 1, $mails, 'One e-mail per incident.' );
		$this->assertSame( get_option( 'admin_email' ), $mails[0]['to'] );
		$this->assertStringContainsString( self::MARKER, $mails[0]['subject'] );
		$this->assertStringContainsString( 'HTTP 503', $mails[0]['message'] );
		$this->assertArrayHasKey( $record['id'], Alerts::late() );
		$this->assertSame( CheckResult::ERROR, ( new DeliveriesCheck() )->run( new LoopbackProbe() )->to_array()['status'] );
		$this->answers = array();
		Dispatcher::retry_now( $record['id'] );
		$this->assertSame( 'caught_up', Deliverer::run( $record['id'] )['outcome'] );
		Alerts::update( Dispatcher::delivering() );
		$this->assertSame( array(), Alerts::late() );
		$this->assertSame( CheckResult::OK, ( new DeliveriesCheck() )->run( new LoopbackProbe() )->to_array()['status'] );
	}

	/**
	 * The admin routes: the log, "Retry now", and clear errors for unknown connections and non-managers.
	 */
	public function test_admin_routes(): void {
		$record        = $this->connect();
		$this->answers = array( 500 );
		$this->order();
		Deliverer::run( $record['id'] );
		$list = $this->assertRestSuccess( 200, $this->call( 'GET', '/deliveries' ) );
		$mine = array_values( wp_list_filter( $list['deliveries'], array( 'connection_id' => $record['id'] ) ) );
		$this->assertCount( 1, $mine );
		$this->assertSame( 1, $mine[0]['failures'] );
		$this->assertSame( array( self::HOOKS ), $mine[0]['delivery_urls'] );
		$this->assertSame( 500, $mine[0]['log'][0]['http_status'] );
		$this->assertNotNull( $mine[0]['oldest_undelivered_at'] );
		// The page links each order of the log to its edit screen in the storage the shop uses.
		$order_id = (int) $mine[0]['log'][0]['order_id'];
		$this->assertSame( wc_get_order( $order_id )->get_edit_order_url(), str_replace( '%d', (string) $order_id, $list['order_edit_url'] ) );
		$retry = $this->assertRestSuccess( 202, $this->call( 'POST', '/deliveries/' . $record['id'] . '/retry' ) );
		$this->assertSame( $record['id'], $retry['delivery']['connection_id'] );
		$this->assertSame( 0, DeliveryState::get( $record['id'] )['next_attempt_at'], 'Due at once.' );
		$this->assertRestError( 404, 'flashnode_no_deliveries', $this->call( 'POST', '/deliveries/no-such-service/retry' ) );
		$facts = ConnectionFacts::all()['deliveries']['value'];
		$this->assertStringContainsString( self::MARKER . ' (woocommerce): ', $facts, 'Site Health Info and the status report.' );
		$this->assertStringNotContainsString( 'admin-ajax.php', $facts );
		// A hand-over whose worker never arrived (tests/e2e/push-isolation.spec.ts blocks them for real): said there.
		update_option( Workers::OPTION, array( 'waiting_since' => time() - Workers::ARRIVAL_SECONDS ), false );
		try {
			$this->assertStringContainsString( 'loopback requests to admin-ajax.php do not arrive', ConnectionFacts::all()['deliveries']['value'] );
		} finally {
			delete_option( Workers::OPTION );
		}
		wp_set_current_user( $this->create_user( 'customer' ) );
		$this->assertRestError( 403, 'flashnode_forbidden', $this->call( 'GET', '/deliveries' ) );
		$this->assertRestError( 403, 'flashnode_forbidden', $this->call( 'POST', '/deliveries/' . $record['id'] . '/retry' ) );
	}

	/**
	 * Disconnect forgets the connection's deliveries.
	 */
	public function test_disconnect_forgets_deliveries(): void {
		$record = $this->connect();
		$this->assertTrue( DeliveryState::exists( $record['id'] ) );
		// Late when disconnected: the incident must end with the connection. It was the only delivering one, so no
		// tick would ever recompute the late set, and the notice and the readiness error would stay for good.
		$this->answers = array_fill( 0, 5, 503 );
		$this->order();
		Deliverer::run( $record['id'] );
		add_filter(
			'flashnode_connector_delivery_late_after',
			static function (): int {
				return 1;
			}
		);
		sleep( 2 );
		add_filter( 'pre_wp_mail', '__return_true' );
		Alerts::update( Dispatcher::delivering() );
		remove_filter( 'pre_wp_mail', '__return_true' );
		$this->assertArrayHasKey( $record['id'], Alerts::late() );
		$notice = static function (): string {
			ob_start();
			( new LateDeliveriesNotice() )->render();
			return (string) ob_get_clean();
		};
		$this->assertStringContainsString( 'flashnode-late-deliveries', $notice() );
		$this->answer_outbound( self::http_response( 200 ) );
		Disconnect::run( $record['id'], 'test' );
		$this->assertFalse( DeliveryState::exists( $record['id'] ) );
		$this->assertSame( array(), DeliveryState::log( $record['id'] ) );
		$this->assertArrayNotHasKey( $record['id'], Alerts::late() );
		$this->assertNotSame( CheckResult::ERROR, ( new DeliveriesCheck() )->run( new LoopbackProbe() )->to_array()['status'] );
		$this->assertStringNotContainsString( 'flashnode-late-deliveries', $notice() );
	}
}
