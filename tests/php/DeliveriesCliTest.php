<?php
/**
 * `wp flashnode deliveries list|log|retry`, `wp flashnode resend`, and the WordPress Abilities (6.9+).
 *
 * WP-CLI runs as a user would run it, in its own process, so its deliveries really go over HTTPS: to the local
 * shop itself, which answers 404 on an unknown REST route and 200 on its front page.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Delivery\Deliverer;
use Flashnode\Connector\Delivery\DeliveryState;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * The same deliveries, through WP-CLI and the Abilities API.
 */
final class DeliveriesCliTest extends FeedTestCase {

	use RunsWpCli;
	use ConnectsAService;

	/**
	 * Disconnects the test's services.
	 */
	protected function tearDown(): void {
		$this->disconnect_services();
		parent::tearDown();
	}

	/**
	 * Points a connection's order webhooks at another address (as if the service moved its receiver).
	 *
	 * @param array<string,mixed> $record Connection.
	 * @param string              $url    Address.
	 */
	private static function move_receiver( array $record, string $url ): void {
		foreach ( $record['webhook_ids'] as $webhook_id ) {
			$webhook = WebhookRegistry::find( $webhook_id );
			$webhook->set_delivery_url( $url );
			$webhook->save();
		}
	}

	/**
	 * Disconnecting waits for a batch that is still running: the batch saves its state when it ends, and without the
	 * wait that state would outlive the connection (and land in one approved again under the same id).
	 */
	public function test_disconnect_waits_for_a_running_batch(): void {
		$record = $this->connect_service( home_url( '/wp-json/flashnode-test/no-such-route' ) );
		$id     = (string) $record['id'];
		// Another runner, in its own process: holds the connection's lock for 3 s, then saves its state and ends. It
		// says it holds the lock by a file (WP-CLI may hold its output back until the end).
		$held    = (string) tempnam( get_temp_dir(), 'flashnode-lock' );
		$batch   = sprintf(
			'use Flashnode\Connector\Delivery\{Lock, DeliveryState}; $id = %s; Lock::acquire( $id ) || exit( 3 ); $state = DeliveryState::get( $id ); file_put_contents( %s, "held" ); sleep( 3 ); DeliveryState::save( $id, $state ); Lock::release( $id );',
			var_export( $id, true ), // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- PHP source for the subprocess.
			var_export( $held, true ) // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- PHP source for the subprocess.
		);
		$pipes   = array();
		$command = 'bash ' . escapeshellarg( dirname( __DIR__, 2 ) . '/bin/wp-cli/wp.sh' ) . ' eval ' . escapeshellarg( $batch );
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- a second runner, as a host's cron would start it.
		$process = proc_open(
			$command,
			array(
				1 => array( 'pipe', 'w' ),
				2 => array( 'pipe', 'w' ),
			),
			$pipes
		);
		$this->assertIsResource( $process );
		$deadline = microtime( true ) + 15;
		while ( 'held' !== (string) file_get_contents( $held ) && microtime( true ) < $deadline ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
			usleep( 50000 );
		}
		$this->assertSame( 'held', (string) file_get_contents( $held ), 'The other runner holds the lock.' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		unlink( $held ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- a temporary file of the test.
		$started = microtime( true );
		$this->answer_outbound( self::http_response( 200 ) );
		$this->assertIsArray( Disconnect::run( $id, 'test' ) );
		$waited = microtime( true ) - $started;
		stream_get_contents( $pipes[1] );
		stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ) );
		$this->assertGreaterThan( 1.5, $waited, 'The disconnect waited for the running batch.' );
		wp_cache_flush();
		$this->assertFalse( DeliveryState::exists( $id ), 'No delivery state outlives its connection.' );
	}

	/**
	 * List, a refused retry (exit 1 with the receiver's answer), a successful one, the log, and resend.
	 */
	public function test_list_retry_log_and_resend(): void {
		$record = $this->connect_service( home_url( '/wp-json/flashnode-test/no-such-route' ) );
		$id     = (string) $record['id'];
		$order  = $this->order();

		list( $code, $out ) = $this->wp( 'flashnode', 'deliveries', 'list', '--format=json' );
		$this->assertSame( 0, $code );
		$mine = array_values( wp_list_filter( $this->json( $out ), array( 'connection_id' => $id ) ) );
		$this->assertCount( 1, $mine );
		$this->assertGreaterThan( 0, $mine[0]['undelivered'] );
		$this->assertSame( 'woocommerce', $mine[0]['format'] );

		list( $code, , $err ) = $this->wp( 'flashnode', 'deliveries', 'retry', $id );
		$this->assertSame( 1, $code, $err );
		$this->assertStringContainsString( 'HTTP 404', $err );
		// At least this attempt (Action Scheduler may have run the queued batch in the background as well).
		$this->assertGreaterThanOrEqual( 1, DeliveryState::get( $id )['failures'] );

		self::move_receiver( $record, home_url( '/' ) );
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'deliveries', 'retry', $id );
		$this->assertSame( 0, $code, $err );
		$this->assertStringContainsString( 'nothing is waiting', $out );

		list( $code, $out ) = $this->wp( 'flashnode', 'deliveries', 'log', $id, '--format=json' );
		$this->assertSame( 0, $code );
		$log = $this->json( $out );
		$this->assertSame( 200, $log[0]['http_status'] );
		$this->assertContains( 404, array_column( $log, 'http_status' ) );
		$this->assertContains( $order->get_id(), array_column( $log, 'order_id' ) );

		list( $code, $out, $err ) = $this->wp( 'flashnode', 'resend', (string) $order->get_id(), '--connection=' . $id );
		$this->assertSame( 0, $code, $err );
		$this->assertStringContainsString( 'Queued 1 order(s)', $out );
		$this->wp( 'flashnode', 'deliveries', 'retry', $id );
		$log = $this->json( $this->wp( 'flashnode', 'deliveries', 'log', $id, '--format=json' )[1] );
		$this->assertSame( array( 'resent', 'order.updated', 200 ), array( $log[0]['event'], $log[0]['topic'], $log[0]['http_status'] ) );
	}

	/**
	 * A change made through WP-CLI (as in wp-admin, the REST API or cron) queues the connection's batch at once; a
	 * change on a storefront-like request (this process: no admin, REST, cron or CLI) leaves it to the tick.
	 */
	public function test_owner_and_api_changes_wake_the_deliveries(): void {
		$record  = $this->connect_service( home_url( '/' ) );
		$pending = static function () use ( $record ): int {
			return count(
				as_get_scheduled_actions(
					array(
						'hook'   => Dispatcher::HOOK,
						'args'   => array( $record['id'] ),
						'group'  => ChangeLog::SCHEDULER_GROUP,
						'status' => \ActionScheduler_Store::STATUS_PENDING,
					),
					'ids'
				)
			);
		};
		as_unschedule_all_actions( Dispatcher::HOOK, array( $record['id'] ), ChangeLog::SCHEDULER_GROUP );
		$this->order();
		Dispatcher::wake();
		$this->assertSame( 0, $pending(), 'Not after a storefront request.' );
		list( $code, $out, $err ) = $this->wp( 'eval', '$o = wc_create_order( array( "status" => "processing" ) ); echo $o->get_id();' );
		$this->assertSame( 0, $code, $err );
		$this->orders[] = (int) $out;
		$this->assertSame( 1, $pending(), 'Queued at once after a WP-CLI change.' );
	}

	/**
	 * The runner is a long process: an order saved by another process since the runner loaded it goes out as
	 * saved, not as the runner's copy in memory (seen in the fault test: a delivery with the order's previous
	 * status, and a receiver left without the final state).
	 */
	public function test_a_payload_is_the_order_as_saved_by_another_process(): void {
		$hooks  = 'https://203.0.113.21/hooks';
		$record = $this->connect_service( $hooks );
		$bodies = array();
		$catch  = static function ( $pre, $args, $url ) use ( $hooks, &$bodies ) {
			if ( 0 !== strpos( (string) $url, $hooks ) ) {
				return $pre;
			}
			$bodies[] = (array) json_decode( (string) $args['body'], true );
			return self::http_response( 200 );
		};
		add_filter( 'pre_http_request', $catch, 20, 3 );
		$order = $this->order( 'processing' );
		Deliverer::run( (string) $record['id'] );
		$this->assertSame( 'processing', wc_get_order( $order->get_id() )->get_status(), 'This process holds the order.' );
		list( $code, , $err ) = $this->wp_keeping_cache( '', 'eval', 'wc_get_order( ' . $order->get_id() . ' )->update_status( "completed" );' );
		$this->assertSame( 0, $code, $err );
		$bodies = array();
		Deliverer::run( (string) $record['id'] );
		remove_filter( 'pre_http_request', $catch, 20 );
		$this->assertNotSame( array(), $bodies );
		foreach ( $bodies as $body ) {
			$this->assertSame( 'completed', $body['status'] );
		}
	}

	/**
	 * Bad arguments exit 2 with a reason; an order that is not the shop's exits 1.
	 */
	public function test_bad_arguments(): void {
		$record               = $this->connect_service( home_url( '/' ) );
		list( $code, , $err ) = $this->wp( 'flashnode', 'deliveries', 'retry', 'no-such-service' );
		$this->assertSame( 2, $code );
		$this->assertStringContainsString( 'wp flashnode deliveries list', $err );
		$this->assertSame( 1, $this->wp( 'flashnode', 'deliveries', 'log' )[0], 'WP-CLI itself asks for the id.' );
		list( $code, , $err ) = $this->wp( 'flashnode', 'resend', '1' );
		$this->assertSame( 1, $code, 'WP-CLI itself asks for --connection.' );
		$this->assertStringContainsString( '--connection', $err );
		$this->assertSame( 2, $this->wp( 'flashnode', 'resend', 'abc', '--connection=' . $record['id'] )[0] );
		list( $code, , $err ) = $this->wp( 'flashnode', 'resend', '999999999', '--connection=' . $record['id'] );
		$this->assertSame( 1, $code );
		$this->assertStringContainsString( '999999999', $err );
	}

	/**
	 * On WordPress 6.9+ the three abilities exist with schemas and annotations, answer shop managers only, and
	 * refuse bad input before running; before 6.9 the plugin registers nothing and nothing fails.
	 */
	public function test_abilities(): void {
		if ( ! function_exists( 'wp_get_ability' ) ) {
			$this->assertSame( 0, did_action( 'wp_abilities_api_init' ), 'Older WordPress never asks: the plugin registers nothing, and nothing fails.' );
			return;
		}
		$record = $this->connect_service( home_url( '/' ) );
		$order  = $this->order();
		$status = wp_get_ability( 'flashnode/connection-status' );
		$this->assertNotNull( $status );
		$this->assertTrue( $status->get_meta()['annotations']['readonly'] );
		$answer = $status->execute( array( 'connection_id' => $record['id'] ) );
		$this->assertIsArray( $answer, is_wp_error( $answer ) ? $answer->get_error_message() : '' );
		$this->assertSame( $record['id'], $answer['connections'][0]['connection_id'] );
		$this->assertFalse( $answer['connections'][0]['broader_than_needed'] );
		$this->assertGreaterThan( 0, $answer['connections'][0]['deliveries']['undelivered'] );

		$stuck = wp_get_ability( 'flashnode/stuck-orders' )->execute( array( 'connection_id' => $record['id'] ) );
		$this->assertContains( $order->get_id(), $stuck['undelivered'][0]['waiting_order_ids'] );

		$resend = wp_get_ability( 'flashnode/resend-order' );
		$this->assertFalse( $resend->get_meta()['annotations']['destructive'] );
		$this->assertSame(
			array(
				'queued'    => array( $order->get_id() ),
				'not_found' => array( 999999999 ),
			),
			$resend->execute( array( 'order_ids' => array( $order->get_id(), 999999999 ) ) )
		);
		$this->assertInstanceOf( \WP_Error::class, $resend->execute( array( 'order_ids' => 'all' ) ), 'Input checked against the schema.' );
		$this->assertInstanceOf( \WP_Error::class, $resend->execute( array() ), 'order_ids is required.' );
		$gone = $status->execute( array( 'connection_id' => 'no-such-service' ) );
		$this->assertSame( 'flashnode_not_connected', $gone->get_error_code() );

		wp_set_current_user( $this->create_user( 'customer' ) );
		$inputs = array(
			'flashnode/connection-status' => array(),
			'flashnode/stuck-orders'      => array(),
			'flashnode/resend-order'      => array( 'order_ids' => array( $order->get_id() ) ),
		);
		foreach ( $inputs as $name => $input ) {
			$refused = wp_get_ability( $name )->execute( $input );
			$this->assertInstanceOf( \WP_Error::class, $refused, $name );
			$this->assertSame( 'ability_invalid_permissions', $refused->get_error_code(), $name . ' is for shop managers.' );
		}
	}
}
