<?php
/**
 * Admin routes behind the approval screen a service links the owner to.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Connection\Handoff;
use Flashnode\Connector\Connection\Proposal;
use Flashnode\Connector\Http\RequestClaim;

defined( 'ABSPATH' ) || exit;

/**
 * GET  flashnode/v1/connection/proposal   checks the link's parameters and says what Approve would grant (changes nothing)
 * POST flashnode/v1/connection/approve    creates the service's user, key and webhooks, hands them over, records the
 *                                         connection, replacing the service's earlier grants (Handoff)
 * POST flashnode/v1/connection/deny       where to send the browser back (success=0); changes nothing
 *
 * Following the service's link only opens the screen: each route needs a shop manager and, from the browser,
 * the REST nonce, so a forged link or a cross-site request cannot approve anything.
 */
final class ApprovalController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'connection-approval';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/connection/proposal',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'proposal' ),
					'args'     => self::link_args(),
				),
			)
		);
		$this->add_route(
			'/connection/approve',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'approve' ),
					'args'     => array_merge( array( 'request_id' => RequestClaim::arg_schema() ), self::link_args() ),
				),
			)
		);
		$this->add_route(
			'/connection/deny',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'deny' ),
					'args'     => self::link_args(),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'proposal'  => self::field( 'object', __( 'What Approve would grant: service, hosts, topics, statuses, scopes, and the connection it replaces.', 'flashnode-connector' ) ),
			'connected' => self::field( 'object', __( 'The key and webhooks handed over (approve).', 'flashnode-connector' ) ),
			'redirect'  => self::field( 'string', __( 'Where the browser goes next: the service\'s return address.', 'flashnode-connector' ) ),
		);
	}

	/**
	 * What the approval screen shows.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function proposal( \WP_REST_Request $request ) {
		$proposal = Proposal::from_link( $request->get_params() );
		if ( is_wp_error( $proposal ) ) {
			return $proposal;
		}
		return new \WP_REST_Response( array( 'proposal' => $proposal->describe() ) );
	}

	/**
	 * Sets up the whole connection in one request.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function approve( \WP_REST_Request $request ) {
		$proposal = Proposal::from_link( $request->get_params() );
		if ( is_wp_error( $proposal ) ) {
			return $proposal;
		}
		if ( ! RequestClaim::claim( 'approve', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$connected = Handoff::connect( $proposal );
		if ( is_wp_error( $connected ) ) {
			return $connected;
		}
		return new \WP_REST_Response(
			array(
				'connected' => $connected,
				'redirect'  => $proposal->return_to( true ),
			),
			201
		);
	}

	/**
	 * The owner said no: only the way back, after the same checks (no redirect to an address that fails them).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function deny( \WP_REST_Request $request ) {
		$proposal = Proposal::from_link( $request->get_params() );
		if ( is_wp_error( $proposal ) ) {
			return $proposal;
		}
		return new \WP_REST_Response( array( 'redirect' => $proposal->return_to( false ) ) );
	}

	/**
	 * The link's parameters, as the service puts them in the URL (lists comma-separated). Proposal checks them.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	private static function link_args(): array {
		$url = static function ( string $description, bool $required ): array {
			return array(
				'description' => $description,
				'type'        => 'string',
				'required'    => $required,
			);
		};
		return array(
			'service_name'    => array(
				'description' => __( 'The service\'s name, shown to the owner.', 'flashnode-connector' ),
				'type'        => 'string',
				'required'    => true,
				'maxLength'   => 100,
			),
			'callback_url'    => $url( __( 'https:// address the hand-off is POSTed to.', 'flashnode-connector' ), true ),
			'return_url'      => $url( __( 'https:// address the browser returns to.', 'flashnode-connector' ), true ),
			'webhook_url'     => $url( __( 'https:// address webhooks deliver to (optional).', 'flashnode-connector' ), false ),
			'topics'          => array(
				'description' => __( 'Comma-separated webhook topics, e.g. order.created,order.updated.', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 500,
			),
			'order_statuses'  => array(
				'description' => __( 'Comma-separated order statuses that start the transfer, e.g. processing.', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 500,
			),
			'delivery_format' => array(
				'description' => __( 'How order changes are delivered to webhook_url: woocommerce (WooCommerce\'s webhook requests, the default) or flashnode.', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 20,
			),
			'scopes'          => array(
				'description' => __( 'Comma-separated scopes of the service\'s user, e.g. orders:read,orders:write,products:read (the default).', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 500,
			),
		);
	}
}
