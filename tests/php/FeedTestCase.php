<?php
/**
 * Base class of the change feed's tests: orders, API keys and the log's rows in the real shop.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Consumers;

/**
 * Orders created here are deleted afterwards; the consumers option is restored. Rows the log wrote stay: they
 * are what the shop did, and deleting recent rows would open gaps the feed must wait for (see Feed).
 */
abstract class FeedTestCase extends RestTestCase {

	/**
	 * Orders created by the test.
	 *
	 * @var int[]
	 */
	protected $orders = array();

	/**
	 * The consumers option before the test.
	 *
	 * @var mixed
	 */
	private $saved_consumers;

	/**
	 * The log exists before anything is asserted about it.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->assertTrue( ChangeLogSchema::is_installed(), 'The change log is installed on the running shop.' );
		$this->saved_consumers = get_option( Consumers::OPTION, null );
	}

	/**
	 * Deletes the test's orders, forgets the presented key, restores the consumers.
	 */
	protected function tearDown(): void {
		wp_set_current_user( $this->admin_id );
		foreach ( $this->orders as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				$order->delete( true );
			}
		}
		unset( $_SERVER['PHP_AUTH_USER'], $_SERVER['PHP_AUTH_PW'] );
		if ( null === $this->saved_consumers ) {
			delete_option( Consumers::OPTION );
		} else {
			update_option( Consumers::OPTION, $this->saved_consumers, false );
		}
		parent::tearDown();
	}

	/**
	 * A new order through WooCommerce's CRUD.
	 *
	 * @param string $status Status.
	 */
	protected function order( string $status = 'processing' ): \WC_Order {
		$order = wc_create_order( array( 'status' => $status ) );
		$this->assertInstanceOf( \WC_Order::class, $order );
		$this->orders[] = $order->get_id();
		return $order;
	}

	/**
	 * The log's rows after a cursor, optionally for one order only.
	 *
	 * @param int      $after    Cursor.
	 * @param int|null $order_id Order.
	 * @return array<int,array{cursor:int,order_id:int,event:string,status:?string}>
	 */
	protected static function rows_after( int $after, ?int $order_id = null ): array {
		global $wpdb;
		$table = ChangeLogSchema::table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT change_id, order_id, event, status FROM {$table} WHERE change_id > %d ORDER BY change_id", $after ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			if ( null === $order_id || (int) $row['order_id'] === $order_id ) {
				$out[] = array(
					'cursor'   => (int) $row['change_id'],
					'order_id' => (int) $row['order_id'],
					'event'    => (string) $row['event'],
					'status'   => null === $row['status'] ? null : (string) $row['status'],
				);
			}
		}
		return $out;
	}

	/**
	 * The events of an order's rows after a cursor, as "event:status".
	 *
	 * @param int $after    Cursor.
	 * @param int $order_id Order.
	 * @return string[]
	 */
	protected static function events( int $after, int $order_id ): array {
		return array_map(
			static function ( array $row ): string {
				return $row['event'] . ':' . (string) $row['status'];
			},
			self::rows_after( $after, $order_id )
		);
	}

	/**
	 * Creates an API key for the administrator and presents it as WooCommerce's Basic Auth would have accepted
	 * it (the request's user is the key's user). Over real HTTP this is tests/e2e/change-feed.spec.ts's job.
	 *
	 * @param string $permissions read, write or read_write.
	 * @param string $description Key description (the consumer's name).
	 * @return array{key_id:int,consumer_key:string}
	 */
	protected function present_key( string $permissions = 'read_write', string $description = 'ERP' ): array {
		global $wpdb;
		$consumer_key = 'ck_' . wc_rand_hash();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->insert(
			$wpdb->prefix . 'woocommerce_api_keys',
			array(
				'user_id'         => $this->admin_id,
				'description'     => self::MARKER . ' ' . $description,
				'permissions'     => $permissions,
				'consumer_key'    => wc_api_hash( $consumer_key ),
				'consumer_secret' => 'cs_' . wc_rand_hash(),
				'truncated_key'   => substr( $consumer_key, -7 ),
			)
		);
		$_SERVER['PHP_AUTH_USER'] = $consumer_key;
		wp_set_current_user( $this->admin_id );
		return array(
			'key_id'       => (int) $wpdb->insert_id,
			'consumer_key' => $consumer_key,
		);
	}

	/**
	 * Dispatches a request to wc-flashnode/v1.
	 *
	 * @param string              $method GET or POST.
	 * @param string              $route  E.g. '/changes'.
	 * @param array<string,mixed> $params Query (GET) or JSON body (POST).
	 */
	protected function feed_call( string $method, string $route, array $params = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( $method, '/wc-flashnode/v1' . $route );
		if ( 'GET' === $method ) {
			$request->set_query_params( array_map( 'strval', $params ) );
		} else {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $params ) );
		}
		return rest_do_request( $request );
	}

	/**
	 * Makes an order look unchanged for two hours, in its storage's own column: WordPress sets the posts table's
	 * modification date itself on every save, so CRUD cannot backdate it there. Its creation date goes back a
	 * year too: stuck orders are listed oldest first, 20 at most, and a shop that has run the test suite for a
	 * while holds older stuck orders of its own, which would push this one off the list.
	 *
	 * @param int $order_id Order.
	 */
	protected function make_stale( int $order_id ): void {
		global $wpdb;
		$then    = gmdate( 'Y-m-d H:i:s', time() - 2 * HOUR_IN_SECONDS );
		$created = gmdate( 'Y-m-d H:i:s', time() - YEAR_IN_SECONDS );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery
		if ( \Flashnode\Connector\Shop\OrderStorage::hpos_enabled() ) {
			$wpdb->update(
				$wpdb->prefix . 'wc_orders',
				array(
					'date_updated_gmt' => $then,
					'date_created_gmt' => $created,
				),
				array( 'id' => $order_id )
			);
		} else {
			$wpdb->update(
				$wpdb->posts,
				array(
					'post_modified_gmt' => $then,
					'post_modified'     => get_date_from_gmt( $then ),
					'post_date_gmt'     => $created,
					'post_date'         => get_date_from_gmt( $created ),
				),
				array( 'ID' => $order_id )
			);
			clean_post_cache( $order_id );
		}
		// phpcs:enable
		wp_cache_flush();
	}
}
