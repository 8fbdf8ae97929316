<?php
/**
 * Admin routes for the plugin's order deliveries.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Adoption;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Delivery\Status;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * GET  flashnode/v1/deliveries                  each delivering connection: cursor, oldest undelivered change,
 *                                               failing or late, and the last 200 attempts
 * POST flashnode/v1/deliveries/{id}/retry       "Retry now": the waiting change is due at once, a batch is queued
 */
final class DeliveriesController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'deliveries';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/deliveries',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'list_deliveries' ),
				),
			)
		);
		$this->add_route(
			'/deliveries/(?P<id>[a-z0-9_-]{1,200})/retry',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'retry' ),
				),
			),
			array(
				'id' => array(
					'description' => __( 'The connection whose deliveries to retry now.', 'flashnode-connector' ),
					'type'        => 'string',
					'required'    => true,
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'deliveries'     => self::field( 'array', __( 'Each connection the plugin delivers order changes to, with its last attempts (newest first).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'delivery'       => self::field( 'object', __( 'The connection\'s status after "Retry now" (POST).', 'flashnode-connector' ) ),
			/* translators: %d is written as it is: the page puts an order's id in its place. */
			'order_edit_url' => self::field( 'string', __( 'The edit screen of an order in the log: %d stands for its id.', 'flashnode-connector' ) ),
		);
	}

	/**
	 * What the Connections panel shows about deliveries.
	 */
	public function list_deliveries(): \WP_REST_Response {
		// One address pattern for every order of the log: WooCommerce's own edit URL loads each order on HPOS.
		$edit = OrderStorage::hpos_enabled() ? 'admin.php?page=wc-orders&action=edit&id=%d' : 'post.php?post=%d&action=edit';
		return new \WP_REST_Response(
			array(
				'deliveries'     => Status::all( true ),
				'order_edit_url' => admin_url( $edit ),
			)
		);
	}

	/**
	 * "Retry now".
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function retry( \WP_REST_Request $request ) {
		$record = Connections::get( (string) $request['id'] );
		if ( null === $record || ! Adoption::delivers( $record ) ) {
			return new \WP_Error( 'flashnode_no_deliveries', __( 'The plugin delivers no order changes to such a connection.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		Dispatcher::retry_now( $record['id'] );
		return new \WP_REST_Response( array( 'delivery' => Status::of( $record ) ), 202 );
	}
}
