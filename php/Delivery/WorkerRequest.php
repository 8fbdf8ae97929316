<?php
/**
 * The loopback request that runs one connection's batch (Workers).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Connection\Connections;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's bundled WP_Async_Request (Delicious Brains' WP Background Processing, which Action Scheduler's own
 * async runner extends): dispatch() sends a non-blocking POST to admin-ajax.php?action=flashnode_connector_deliver
 * with a nonce; maybe_handle() checks that nonce (403 "-1" without it) and calls handle(). The request carries
 * only the connection id; a nonce holder can do no more than start a batch the tick would start anyway.
 */
final class WorkerRequest extends \WP_Async_Request {

	/**
	 * Prefix of the AJAX action.
	 *
	 * @var string
	 */
	protected $prefix = Workers::AJAX_PREFIX;

	/**
	 * The AJAX action: flashnode_connector_deliver.
	 *
	 * @var string
	 */
	protected $action = Workers::AJAX_ACTION;

	/**
	 * The batch to run: Dispatcher::work( connection id ).
	 *
	 * @var callable
	 */
	private $work;

	/**
	 * Registers the AJAX handlers (Dispatcher makes one in every admin-ajax.php request, so the loopback finds them).
	 *
	 * @param callable $work Runs a connection's batch; its only argument is the connection id.
	 */
	public function __construct( callable $work ) {
		parent::__construct();
		$this->work = $work;
	}

	/**
	 * Starts a worker for the connection.
	 *
	 * @param string $id Connection id.
	 */
	public function dispatch_for( string $id ): void {
		$this->data( array( 'connection' => $id ) )->dispatch();
	}

	/**
	 * The worker: answers at once where the server allows it (PHP-FPM, LiteSpeed), as wp-cron.php does, then runs
	 * the batch and queues its follow-up. The dispatcher never reads the answer (it hangs up after a second), so
	 * the batch must not stop when it does.
	 */
	protected function handle(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- maybe_handle() checked the nonce.
		$id     = isset( $_POST['connection'] ) && is_string( $_POST['connection'] ) ? sanitize_text_field( wp_unslash( $_POST['connection'] ) ) : '';
		$record = '' === $id ? null : Connections::get( $id );
		if ( null === $record || ! Adoption::delivers( $record ) ) {
			wp_send_json_error(
				array(
					'code'    => 'flashnode_no_deliveries',
					'message' => __( 'The plugin delivers no order changes to such a connection.', 'flashnode-connector' ),
				),
				404
			);
		}
		ignore_user_abort( true );
		nocache_headers();
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			fastcgi_finish_request();
		} elseif ( function_exists( 'litespeed_finish_request' ) ) {
			litespeed_finish_request();
		}
		wc_set_time_limit( Deliverer::BUDGET + 3 * Message::TIMEOUT );
		call_user_func( $this->work, $id );
	}
}
