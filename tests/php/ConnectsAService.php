<?php
/**
 * Connects a service that receives deliveries, through the approval route, and disconnects it afterwards.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Delivery\DeliveryState;

/**
 * For RestTestCase tests (the hand-off's service is simulated at the outbound boundary).
 */
trait ConnectsAService {

	/**
	 * Connections made by the test.
	 *
	 * @var string[]
	 */
	private $connections = array();

	/**
	 * Approves a link with a webhook URL for the order topics (and product.updated, which stays WooCommerce's).
	 *
	 * @param string               $webhook_url Where deliveries go.
	 * @param array<string,string> $changes     Link parameters to change.
	 * @return array<string,mixed> The connection record.
	 */
	private function connect_service( string $webhook_url, array $changes = array() ): array {
		$this->answer_outbound( self::http_response( 200 ) );
		$link = array_merge(
			array(
				'request_id'     => $this->request_id(),
				'service_name'   => self::MARKER,
				'callback_url'   => self::REMOTE_CALLBACK,
				'return_url'     => 'https://203.0.113.12/back',
				'webhook_url'    => $webhook_url,
				'topics'         => 'order.created,order.updated,order.deleted,product.updated',
				'order_statuses' => 'processing',
			),
			$changes
		);
		$this->assertRestSuccess( 201, $this->call( 'POST', '/connection/approve', $link ) );
		$record = Connections::for_host( (string) wp_parse_url( self::REMOTE_CALLBACK, PHP_URL_HOST ) );
		$this->assertNotNull( $record );
		$this->connections[] = $record['id'];
		return $record;
	}

	/**
	 * Disconnects the test's services (grants and delivery state).
	 */
	private function disconnect_services(): void {
		foreach ( $this->connections as $id ) {
			if ( null !== Connections::get( $id ) ) {
				$this->answer_outbound( self::http_response( 200 ) );
				Disconnect::run( $id, 'test' );
			}
			DeliveryState::forget( $id );
		}
	}
}
