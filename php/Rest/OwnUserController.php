<?php
/**
 * Admin route behind the card's "Give <service> its own user".
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Connection\OwnUser;
use Flashnode\Connector\Http\RequestClaim;

defined( 'ABSPATH' ) || exit;

/**
 * POST flashnode/v1/connection/own-user {request_id, id}   the replace hand-off to the service's reconnect_url
 *                                                          (Connection\OwnUser): 201, or 424 with the old grants
 *                                                          still working and nothing new left behind
 *
 * A shop manager with the REST nonce, like every admin route; one hand-off per click (request_id).
 */
final class OwnUserController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'connection-own-user';

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/connection/own-user',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'give' ),
					'args'     => array(
						'request_id' => RequestClaim::arg_schema(),
						'id'         => array(
							'description' => __( 'The connection to give its own user.', 'flashnode-connector' ),
							'type'        => 'string',
							'minLength'   => 1,
							'maxLength'   => 200,
							'required'    => true,
						),
					),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'connected' => self::field( 'object', __( 'The new key and user handed over; the old key and webhooks were revoked.', 'flashnode-connector' ) ),
		);
	}

	/**
	 * Gives the connection its own user.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function give( \WP_REST_Request $request ) {
		// Checked before the claim: a refused click writes nothing.
		$record = OwnUser::eligible( (string) $request['id'] );
		if ( is_wp_error( $record ) ) {
			return $record;
		}
		if ( ! RequestClaim::claim( 'own_user', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$connected = OwnUser::give( $record );
		if ( is_wp_error( $connected ) ) {
			return $connected;
		}
		return new \WP_REST_Response( array( 'connected' => $connected ), 201 );
	}
}
