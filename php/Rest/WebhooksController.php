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
use Flashnode\Connector\Webhooks\Topics;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * GET    flashnode/v1/webhooks               the plugin's webhooks (status, failures, last delivery; no secrets), topics
 * POST   flashnode/v1/webhooks               registers a webhook per topic; the response shows the secret once
 * DELETE flashnode/v1/webhooks/{id}          deletes one
 * POST   flashnode/v1/webhooks/{id}/test     sends a signed test delivery (Webhooks\TestDelivery)
 * POST   flashnode/v1/webhooks/{id}/enable   re-enables a paused or disabled one
 */
final class WebhooksController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'webhooks';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/webhooks',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'list_webhooks' ),
				),
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'register_webhooks' ),
					'args'     => array(
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
								'enum' => Topics::ids(),
							),
							'minItems'    => 1,
							'uniqueItems' => true,
							'default'     => Topics::recommended(),
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
		$id_arg = self::id_arg( __( 'Webhook id.', 'flashnode-connector' ) );
		$this->add_route(
			'/webhooks/(?P<id>\d+)',
			array(
				array(
					'methods'  => \WP_REST_Server::DELETABLE,
					'callback' => array( $this, 'delete_webhook' ),
				),
			),
			$id_arg
		);
		$this->add_route(
			'/webhooks/(?P<id>\d+)/(?P<action>test|enable)',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'act_on_webhook' ),
				),
			),
			$id_arg
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'webhooks' => self::field( 'array', __( 'The plugin\'s webhooks: status, failures, last delivery (no secrets).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'topics'   => self::field( 'array', __( 'The topics to choose from (GET).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'secret'   => self::field( array( 'string', 'null' ), __( 'The webhooks\' secret, only when webhooks for a new delivery address were created (POST).', 'flashnode-connector' ) ),
			'created'  => self::field( 'array', __( 'Ids of the webhooks created (POST).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'integer' ) ) ),
			'kept'     => self::field( 'array', __( 'Ids of the webhooks that existed already (POST).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'integer' ) ) ),
			'deleted'  => self::field( 'integer', __( 'Id of the deleted webhook (DELETE).', 'flashnode-connector' ) ),
		);
	}

	/**
	 * The plugin's webhooks.
	 */
	public function list_webhooks(): \WP_REST_Response {
		return new \WP_REST_Response(
			array(
				'webhooks' => WebhookRegistry::summaries(),
				'topics'   => Topics::all(),
			)
		);
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
