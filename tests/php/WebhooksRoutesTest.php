<?php
/**
 * GET/POST flashnode/v1/webhooks, DELETE flashnode/v1/webhooks/{id}, POST …/{id}/test and …/{id}/enable.
 *
 * Deliveries and test pings go for real to the local shop itself (the test stack lets WordPress's safe HTTP
 * functions reach 127.0.0.1): its front page answers 200, a missing page 404.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Webhooks are WooCommerce's own, created once, and only the plugin's are touched.
 */
final class WebhooksRoutesTest extends RestTestCase {

	/**
	 * A receiver that answers 200.
	 */
	private static function receiver(): string {
		return home_url( '/?flashnode-php-test=receiver' );
	}

	/**
	 * A receiver that answers 404.
	 */
	private static function missing_receiver(): string {
		return home_url( '/flashnode-php-test-missing-receiver/' );
	}

	/**
	 * The topics come from the server, defined once: GET lists them with labels and which are recommended, POST
	 * accepts exactly their ids, and registers the recommended ones when none are chosen.
	 */
	public function test_topics_are_defined_once_by_the_server(): void {
		$listed = $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) );
		$this->assertSame( array( 'webhooks', 'topics' ), array_keys( $listed ) );
		$this->assertSame( array( 'id', 'label', 'recommended' ), array_keys( $listed['topics'][0] ) );
		$this->assertSame(
			array(
				array( 'order.created', 'Order created', true ),
				array( 'order.updated', 'Order updated', true ),
				array( 'order.deleted', 'Order deleted', false ),
				array( 'product.updated', 'Product updated', false ),
			),
			array_map( 'array_values', $listed['topics'] )
		);
		$post = rest_get_server()->get_routes( 'flashnode/v1' )['/flashnode/v1/webhooks'][1];
		$this->assertSame( array_column( $listed['topics'], 'id' ), $post['args']['topics']['items']['enum'] );

		$topics = array();
		foreach ( $this->register_webhooks( self::receiver() )['created'] as $id ) {
			$topics[] = (string) wc_get_webhook( $id )->get_topic();
		}
		$this->assertSame( array( 'order.created', 'order.updated' ), $topics, 'The recommended topics are the default.' );
		$params = array(
			'request_id'   => $this->request_id(),
			'delivery_url' => self::receiver(),
			'topics'       => array( 'order.restored' ),
		);
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'POST', '/webhooks', $params ) );
	}

	/**
	 * The topics order.created + order.updated become two active WooCommerce webhooks with REST API v3 payloads; the
	 * secret is answered once and never listed.
	 */
	public function test_register_creates_active_v3_webhooks_and_shows_the_secret_once(): void {
		$response = $this->call(
			'POST',
			'/webhooks',
			array(
				'request_id'   => $this->request_id(),
				'delivery_url' => self::receiver(),
				'name'         => self::MARKER,
			)
		);
		$data     = $this->assertRestSuccess( 201, $response );
		$this->assertSame( array( 'secret', 'created', 'kept', 'webhooks' ), array_keys( $data ) );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9]{40}$/', (string) $data['secret'] );
		$this->assertCount( 2, $data['created'] );
		$this->assertSame( array(), $data['kept'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? null );

		$topics = array();
		foreach ( $data['created'] as $id ) {
			$this->assertContains( $id, WebhookRegistry::ids() );
			$row = self::webhook_row( $id );
			$this->assertNotNull( $row );
			$this->assertSame( 'active', $row['status'] );
			$this->assertSame( '3', (string) $row['api_version'], 'WooCommerce stores wp_api_v3 as 3.' );
			$this->assertSame( $data['secret'], $row['secret'] );
			$this->assertSame( self::receiver(), $row['delivery_url'] );
			$this->assertSame( (string) $this->admin_id, $row['user_id'] );
			$webhook = wc_get_webhook( $id );
			$this->assertSame( 'wp_api_v3', $webhook->get_api_version() );
			$this->assertSame( self::MARKER . ' – ' . $row['topic'], $webhook->get_name() );
			$topics[] = $row['topic'];
		}
		sort( $topics );
		$this->assertSame( array( 'order.created', 'order.updated' ), $topics );

		$list = $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) );
		$this->assertStringNotContainsString( (string) $data['secret'], (string) wp_json_encode( $list ) );
		$this->assertStringNotContainsString( (string) $data['secret'], (string) wp_json_encode( $data['webhooks'] ) );
		$listed = $this->find( $list['webhooks'], $data['created'][0] );
		$this->assertSame( array( 'id', 'name', 'topic', 'status', 'delivery_url', 'failure_count', 'disabled_by_failures', 'last_delivery' ), array_keys( $listed ) );
		$this->assertSame( 'active', $listed['status'] );
		$this->assertSame( 0, $listed['failure_count'] );
		$this->assertFalse( $listed['disabled_by_failures'] );
		$this->assertNull( $listed['last_delivery'] );
	}

	/**
	 * Registering again for the same URL keeps the webhooks; a new topic joins them with the same secret.
	 */
	public function test_registering_again_reuses_the_webhooks(): void {
		$first = $this->register_webhooks( self::receiver() );

		$again = $this->register_webhooks( self::receiver(), array(), 200 );
		$this->assertNull( $again['secret'], 'The secret was shown when the webhooks were created.' );
		$this->assertSame( array(), $again['created'] );
		$this->assertEqualsCanonicalizing( $first['created'], $again['kept'] );
		$this->assertSame( 2, $this->count_new_rows( 'webhooks' ) );

		$more = $this->register_webhooks( self::receiver(), array( 'topics' => array( 'order.updated', 'order.deleted' ) ) );
		$this->assertNull( $more['secret'] );
		$this->assertCount( 1, $more['created'] );
		$this->assertCount( 1, $more['kept'] );
		$this->assertSame( 'order.deleted', wc_get_webhook( $more['created'][0] )->get_topic() );
		$this->assertSame( $first['secret'], self::webhook_row( $more['created'][0] )['secret'], 'One secret per delivery URL.' );
		$this->assertSame( 3, $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * WooCommerce stores delivery URLs through esc_url_raw(); a URL it rewrites still matches on the second try.
	 */
	public function test_registering_again_matches_the_url_as_woocommerce_stored_it(): void {
		$url   = self::receiver() . '&v={1}^';
		$first = $this->register_webhooks( $url );
		$again = $this->register_webhooks( $url, array(), 200 );
		$this->assertSame( array(), $again['created'] );
		$this->assertEqualsCanonicalizing( $first['created'], $again['kept'] );
		$this->assertSame( 2, $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * A repeated request id gets 409 and no second set of webhooks.
	 */
	public function test_duplicate_request_id_registers_once(): void {
		$params = array(
			'request_id'   => $this->request_id(),
			'delivery_url' => self::receiver(),
			'name'         => self::MARKER,
		);
		$this->assertRestSuccess( 201, $this->call( 'POST', '/webhooks', $params ) );
		$params['delivery_url'] = self::missing_receiver();
		$this->assertRestError( 409, 'flashnode_duplicate_request', $this->call( 'POST', '/webhooks', $params ) );
		$this->assertSame( 2, $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * Bad input is refused and nothing is created.
	 *
	 * @dataProvider bad_registrations
	 *
	 * @param array<string,mixed> $params Parameters replacing valid ones (null removes one).
	 * @param string              $code   Expected error code.
	 */
	public function test_bad_registration_is_refused( array $params, string $code ): void {
		$valid  = array(
			'request_id'   => $this->request_id(),
			'delivery_url' => self::receiver(),
			'name'         => self::MARKER,
		);
		$params = array_filter(
			array_merge( $valid, $params ),
			static function ( $value ) {
				return null !== $value;
			}
		);
		$ids    = WebhookRegistry::ids();
		$this->assertRestError( 400, $code, $this->call( 'POST', '/webhooks', $params ) );
		$this->assertSame( $ids, WebhookRegistry::ids() );
		$this->assertSame( 0, $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * Registrations the route must refuse.
	 *
	 * @return array<string,array{0:array<string,mixed>,1:string}>
	 */
	public function bad_registrations(): array {
		return array(
			'no delivery URL'     => array( array( 'delivery_url' => null ), 'rest_missing_callback_param' ),
			'no request id'       => array( array( 'request_id' => null ), 'rest_missing_callback_param' ),
			'plain http'          => array( array( 'delivery_url' => 'http://203.0.113.10/hooks' ), 'flashnode_invalid_url' ),
			'private address'     => array( array( 'delivery_url' => 'https://192.168.0.10/hooks' ), 'flashnode_invalid_url' ),
			'credentials'         => array( array( 'delivery_url' => 'https://user:pass@203.0.113.10/hooks' ), 'flashnode_invalid_url' ),
			'delivery URL number' => array( array( 'delivery_url' => 42 ), 'rest_invalid_param' ),
			'unknown topic'       => array( array( 'topics' => array( 'order.created', 'order.bogus' ) ), 'rest_invalid_param' ),
			'no topics'           => array( array( 'topics' => array() ), 'rest_invalid_param' ),
			'repeated topic'      => array( array( 'topics' => array( 'order.created', 'order.created' ) ), 'rest_invalid_param' ),
			'topics as object'    => array( array( 'topics' => array( 'a' => 'order.created' ) ), 'rest_invalid_param' ),
			'name too long'       => array( array( 'name' => self::MARKER . str_repeat( 'x', 100 ) ), 'rest_invalid_param' ),
		);
	}

	/**
	 * WooCommerce disables a webhook after failed deliveries (a real delivery to a missing page here); the list
	 * says so, and enable turns it back on with a clean failure count.
	 */
	public function test_enable_resets_a_webhook_woocommerce_disabled(): void {
		$id      = $this->register_webhooks( self::missing_receiver(), array( 'topics' => array( 'order.updated' ) ) )['created'][0];
		$webhook = wc_get_webhook( $id );
		$webhook->set_failure_count( 6 ); // @phpstan-ignore argument.type
		$webhook->save();
		$order_ids = wc_get_orders(
			array(
				'limit'  => 1,
				'return' => 'ids',
			)
		);
		$this->assertNotEmpty( $order_ids, 'The local shop has sample orders.' );

		$webhook->deliver( $order_ids[0] );

		$listed = $this->find( $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) )['webhooks'], $id );
		$this->assertSame( 'disabled', $listed['status'] );
		$this->assertTrue( $listed['disabled_by_failures'] );
		$this->assertSame( 'delivery', $listed['last_delivery']['kind'] );
		$this->assertSame( 404, $listed['last_delivery']['response_code'] );
		$this->assertFalse( $listed['last_delivery']['ok'] );

		$data   = $this->assertRestSuccess( 200, $this->call( 'POST', '/webhooks/' . $id . '/enable' ) );
		$listed = $this->find( $data['webhooks'], $id );
		$this->assertSame( 'active', $listed['status'] );
		$this->assertSame( 0, $listed['failure_count'] );
		$this->assertFalse( $listed['disabled_by_failures'] );
		$this->assertSame( 'active', self::webhook_row( $id )['status'] );
		$this->assertSame( '0', (string) self::webhook_row( $id )['failure_count'] );
		$this->assertFalse( DeliveryLog::has_alert( $id ) );
	}

	/**
	 * The test ping reaches a real receiver (200) or reports why not (424); either way it is the last delivery.
	 */
	public function test_ping(): void {
		$ok     = $this->register_webhooks( self::receiver(), array( 'topics' => array( 'order.created' ) ) )['created'][0];
		$data   = $this->assertRestSuccess( 200, $this->call( 'POST', '/webhooks/' . $ok . '/test' ) );
		$listed = $this->find( $data['webhooks'], $ok );
		$this->assertSame( 'test', $listed['last_delivery']['kind'] );
		$this->assertTrue( $listed['last_delivery']['ok'] );
		$this->assertSame( 200, $listed['last_delivery']['response_code'] );

		$broken   = $this->register_webhooks( self::missing_receiver(), array( 'topics' => array( 'order.created' ) ) )['created'][0];
		$response = $this->call( 'POST', '/webhooks/' . $broken . '/test' );
		$this->assertRestError( 424, 'flashnode_webhook_test_failed', $response );
		$this->assertStringContainsString( '404', $response->get_data()['message'] );
		$listed = $this->find( $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) )['webhooks'], $broken );
		$this->assertFalse( $listed['last_delivery']['ok'] );
		$this->assertSame( 'test', $listed['last_delivery']['kind'] );
	}

	/**
	 * DELETE removes the webhook from WooCommerce and forgets its deliveries.
	 */
	public function test_delete_removes_the_webhook(): void {
		$created = $this->register_webhooks( self::receiver() )['created'];
		$this->assertRestSuccess( 200, $this->call( 'POST', '/webhooks/' . $created[0] . '/test' ) );
		$this->assertArrayHasKey( $created[0], DeliveryLog::last_deliveries() );

		$this->assertSame( array( 'deleted' => $created[0] ), $this->assertRestSuccess( 200, $this->call( 'DELETE', '/webhooks/' . $created[0] ) ) );
		$this->assertNull( self::webhook_row( $created[0] ) );
		$this->assertNotContains( $created[0], WebhookRegistry::ids() );
		$this->assertArrayNotHasKey( $created[0], DeliveryLog::last_deliveries() );
		$this->assertSame( array( $created[1] ), array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) )['webhooks'], 'id' ) );
		$this->assertNotNull( self::webhook_row( $created[1] ) );

		$this->assertRestError( 404, 'flashnode_webhook_not_found', $this->call( 'DELETE', '/webhooks/' . $created[0] ), 'Deleting twice' );
	}

	/**
	 * Ids that are not the plugin's webhooks: 404 (400 for an id that cannot be one), and webhooks created
	 * elsewhere are never touched.
	 */
	public function test_foreign_and_bad_ids(): void {
		$foreign_id = (int) $this->create_foreign_webhook( self::receiver() )->get_id();

		foreach ( array( $foreign_id, 99999999 ) as $id ) {
			$this->assertRestError( 404, 'flashnode_webhook_not_found', $this->call( 'DELETE', '/webhooks/' . $id ) );
			$this->assertRestError( 404, 'flashnode_webhook_not_found', $this->call( 'POST', '/webhooks/' . $id . '/test' ) );
			$this->assertRestError( 404, 'flashnode_webhook_not_found', $this->call( 'POST', '/webhooks/' . $id . '/enable' ) );
		}
		$this->assertSame( 'paused', self::webhook_row( $foreign_id )['status'], 'A webhook the plugin did not create stays as it is.' );
		$this->assertNotContains( $foreign_id, array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) )['webhooks'], 'id' ) );

		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'DELETE', '/webhooks/0' ) );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'POST', '/webhooks/0/enable' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'DELETE', '/webhooks/abc' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'POST', '/webhooks/1/pause' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'GET', '/webhooks/1/test' ) );
	}

	/**
	 * Webhooks deleted in WooCommerce's own screen disappear from the list.
	 */
	public function test_webhooks_deleted_elsewhere_are_forgotten(): void {
		$created = $this->register_webhooks( self::receiver() )['created'];
		wc_get_webhook( $created[0] )->delete( true );
		$this->assertSame( array( $created[1] ), array_values( array_intersect( $created, array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) )['webhooks'], 'id' ) ) ) );
		$this->assertNotContains( $created[0], WebhookRegistry::ids() );
	}

	/**
	 * One webhook of a list by id.
	 *
	 * @param array<int,array<string,mixed>> $webhooks Listed webhooks.
	 * @param int                            $id       Webhook id.
	 * @return array<string,mixed>
	 */
	private function find( array $webhooks, int $id ): array {
		foreach ( $webhooks as $webhook ) {
			if ( $webhook['id'] === $id ) {
				return $webhook;
			}
		}
		$this->fail( "Webhook $id is not listed." );
	}
}
