<?php
/**
 * Admin route for the order flow: last feed read, lag, stuck orders.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Feed\OrderFlow;

defined( 'ABSPATH' ) || exit;

/**
 * GET flashnode/v1/order-flow  the numbers of OrderFlow::numbers(), read-only: the settings page's "Order flow"
 *                              panel shows them; the service's acknowledgements (POST wc-flashnode/v1/acks) change
 *                              them. Computed on every call (a few indexed queries), so a Refresh is current.
 */
final class OrderFlowController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'order-flow';

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/order-flow',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'get_numbers' ),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'last_read'             => self::field( array( 'object', 'null' ), __( 'The newest read of the change feed: key_id, consumer, at_gmt, cursor; null until a service reads it.', 'flashnode-connector' ) ),
			'lag'                   => self::field( array( 'integer', 'null' ), __( 'Changes after the newest cursor any service has read; null until a service reads the feed.', 'flashnode-connector' ) ),
			'threshold_minutes'     => self::field( 'integer', __( 'Minutes after which an unacknowledged order in a transfer status counts as stuck: three polling intervals of the connected service, else 45.', 'flashnode-connector' ) ),
			'transfer_statuses'     => self::field( 'array', __( 'The order statuses transferred (without the wc- prefix).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'string' ) ) ),
			'unacknowledged_orders' => self::field( 'integer', __( 'Orders in the transfer statuses that no service acknowledged within the threshold.', 'flashnode-connector' ) ),
			'stuck_orders'          => self::field( 'array', __( 'The oldest of them (at most 20): id, number, status, modified_gmt, edit_url.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'consumers'             => self::field( 'array', __( 'Each service that acknowledges orders: key_id, consumer, last_read, last_ack, stuck_orders.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'late_changes'          => self::field( 'integer', __( 'Changes saved in the last week after the feed had passed their cursor (a transaction held open for over a minute); each was recorded again so that services get it.', 'flashnode-connector' ) ),
		);
	}

	/**
	 * The numbers.
	 */
	public function get_numbers(): \WP_REST_Response {
		return new \WP_REST_Response( OrderFlow::numbers() );
	}
}
