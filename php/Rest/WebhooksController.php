<?php
/**
 * Admin routes for the plugin's WooCommerce webhooks.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Http\NoStore;
use Flashnode\Connector\Http\OutboundUrl;
use Flashnode\Connector\Http\RequestClaim;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * GET    flashnode/v1/webhooks               the plugin's webhooks: status, failures, last delivery (no secrets)
 * POST   flashnode/v1/webhooks               registers a webhook per topic; the response shows the secret once
 * DELETE flashnode/v1/webhooks/{id}          deletes one
 * POST   flashnode/v1/webhooks/{id}/test     sends a signed test delivery (Webhooks\TestDelivery)
 * POST   flashnode/v1/webhooks/{id}/enable   re-enables a paused or disabled one
 */
final class WebhooksController {

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$admin = array( AdminPermission::class, 'check' );
		register_rest_route(
			AdminPermission::REST_NAMESPACE,
			'/webhooks',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'list_webhooks' ),
					'permission_callback' => $admin,
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'register_webhooks' ),
					'permission_callback' => $admin,
					'args'                => array(
						'request_id'   => RequestClaim::arg_schema(),
						'delivery_url' => array(
							'description' => __( 'The https:// address the integration service receives webhooks at.', 'flashnode-connector' ),
							'type'        => 'string',
							'required'    => true,
						),
						'topics'       => array(
							'description' => __( 'Events to deliver.', 'flashnode-connector' ),
							'type'        => 'array',
							'items'       => array(
								'type' => 'string',
								'enum' => WebhookRegistry::TOPICS,
							),
							'minItems'    => 1,
							'uniqueItems' => true,
							'default'     => array( 'order.created', 'order.updated' ),
						),
						'name'         => array(
							'description' => __( 'Name prefix shown in WooCommerce > Settings > Advanced > Webhooks.', 'flashnode-connector' ),
							'type'        => 'string',
							'maxLength'   => 100,
							'default'     => 'Flashnode',
						),
					),
				),
			)
		);
		$id_arg = array(
			'id' => array(
				'description' => __( 'Webhook id.', 'flashnode-connector' ),
				'type'        => 'integer',
				'minimum'     => 1,
				'required'    => true,
			),
		);
		register_rest_route(
			AdminPermission::REST_NAMESPACE,
			'/webhooks/(?P<id>\d+)',
			array(
				'methods'             => \WP_REST_Server::DELETABLE,
				'callback'            => array( $this, 'delete_webhook' ),
				'permission_callback' => $admin,
				'args'                => $id_arg,
			)
		);
		register_rest_route(
			AdminPermission::REST_NAMESPACE,
			'/webhooks/(?P<id>\d+)/(?P<action>test|enable)',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'act_on_webhook' ),
				'permission_callback' => $admin,
				'args'                => $id_arg,
			)
		);
	}

	/**
	 * The plugin's webhooks.
	 */
	public function list_webhooks(): \WP_REST_Response {
		return new \WP_REST_Response( array( 'webhooks' => WebhookRegistry::summaries() ) );
	}

	/**
	 * Registers webhooks for the chosen topics.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function register_webhooks( \WP_REST_Request $request ) {
		$problem = OutboundUrl::problem( $request['delivery_url'] );
		if ( null !== $problem ) {
			return $problem;
		}
		$name = sanitize_text_field( (string) $request['name'] );
		if ( ! RequestClaim::claim( 'register_webhooks', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$outcome  = WebhookRegistry::register( (string) $request['delivery_url'], (array) $request['topics'], '' === $name ? 'Flashnode' : $name );
		$response = new \WP_REST_Response(
			array(
				'secret'   => $outcome['secret'],
				'created'  => $outcome['created'],
				'kept'     => $outcome['kept'],
				'webhooks' => WebhookRegistry::summaries(),
			),
			array() === $outcome['created'] ? 200 : 201
		);
		// The secret travels only with a new delivery URL's webhooks (the only time it is sent).
		return null === $outcome['secret'] ? $response : NoStore::mark( $response );
	}

	/**
	 * Deletes a webhook.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_webhook( \WP_REST_Request $request ) {
		$webhook = WebhookRegistry::find( (int) $request['id'] );
		if ( null === $webhook ) {
			return self::not_found();
		}
		WebhookRegistry::delete( $webhook );
		return new \WP_REST_Response( array( 'deleted' => (int) $request['id'] ) );
	}

	/**
	 * Sends a signed test delivery or re-enables a webhook.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function act_on_webhook( \WP_REST_Request $request ) {
		$webhook = WebhookRegistry::find( (int) $request['id'] );
		if ( null === $webhook ) {
			return self::not_found();
		}
		if ( 'enable' === $request['action'] ) {
			WebhookRegistry::enable( $webhook );
		} else {
			$result = WebhookRegistry::test( $webhook );
			if ( is_wp_error( $result ) ) {
				return new \WP_Error( 'flashnode_webhook_test_failed', $result->get_error_message(), array( 'status' => 424 ) );
			}
		}
		return new \WP_REST_Response( array( 'webhooks' => WebhookRegistry::summaries() ) );
	}

	/**
	 * A 404 for an id that is not one of the plugin's webhooks.
	 */
	private static function not_found(): \WP_Error {
		return new \WP_Error( 'flashnode_webhook_not_found', __( 'No webhook of Flashnode Connector has this id (other webhooks are managed in WooCommerce > Settings > Advanced > Webhooks).', 'flashnode-connector' ), array( 'status' => 404 ) );
	}
}
