<?php
/**
 * A route of the change feed that an integration server calls with a WooCommerce API key.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

defined( 'ABSPATH' ) || exit;

/**
 * The shared part of GET /changes and POST /acks: a permission check that asks KeyAuthentication for the key
 * (with the permission the route needs), then lets the route refuse that key for its own reasons. The key that
 * passed is kept for the callback.
 */
abstract class KeyController extends IntegratorController {

	/**
	 * The key that passed the permission check (PresentedKey's row).
	 *
	 * @var array<string,mixed>|null
	 */
	protected $key;

	/**
	 * The request permission() last judged, and its verdict: WordPress asks again for the same request object
	 * when it builds the Allow header (rest_send_allow_header()), and the key need not be looked up twice.
	 *
	 * @var array{0:\WP_REST_Request,1:true|\WP_Error}|null
	 */
	private $judged;

	/**
	 * The HTTP method: \WP_REST_Server::READABLE or CREATABLE.
	 */
	abstract protected function method(): string;

	/**
	 * Prefix of the route's error codes (KeyRefusals::FEED or ACKS).
	 */
	abstract protected function code_prefix(): string;

	/**
	 * The key permission the route needs: 'read' or 'write'.
	 */
	abstract protected function needs(): string;

	/**
	 * Why this key may not use the route beyond what KeyAuthentication checks, or null when it may.
	 *
	 * @param array<string,mixed> $key The key that arrived.
	 */
	protected function refusal( array $key ): ?\WP_Error {
		return null;
	}

	/**
	 * The route's answer.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	abstract public function answer( \WP_REST_Request $request );

	/**
	 * Registers the route and what its key needs. Called on rest_api_init.
	 */
	public function register_routes(): void {
		$this->add_route(
			array(
				'methods'             => $this->method(),
				'callback'            => array( $this, 'answer' ),
				'permission_callback' => array( $this, 'permission' ),
			)
		);
		KeyAuthentication::guard( $this->route(), $this->code_prefix(), $this->needs() );
	}

	/**
	 * A key the route accepts.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function permission( $request ) {
		if ( null === $this->judged || $this->judged[0] !== $request ) {
			$this->key    = null;
			$this->judged = array( $request, $this->judge() );
		}
		return $this->judged[1];
	}

	/**
	 * The verdict on this request's key; keeps the key that passed.
	 *
	 * @return true|\WP_Error
	 */
	private function judge() {
		$key = KeyAuthentication::key( $this->code_prefix(), $this->needs() );
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		$refusal = $this->refusal( $key );
		if ( null !== $refusal ) {
			return $refusal;
		}
		$this->key = $key;
		return true;
	}
}
