<?php
/**
 * What every route under wc-flashnode/v1, the integrators' namespace, shares.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Http\RestController;

defined( 'ABSPATH' ) || exit;

/**
 * On the plugin's one controller base (Http\RestController), as the admin controllers (Rest\AdminController) are:
 * one namespace, one route per controller, and a schema whose fields every successful answer carries. The
 * namespace starts with "wc-" because WooCommerce applies consumer-key authentication only to namespaces
 * beginning "wc/" or "wc-" (see KeyAuthentication).
 *
 * The schema is the contract integrators code against (src/puller/changes.schema.json is the feed's, checked against the
 * live one and against src/puller/feed-client.ts) but is not attached to the route: the namespace index, also
 * with ?context=help, and OPTIONS answers list the routes and their methods only, as they always have. For the
 * same reason it is not translated. Parameters are checked by each route rather than by args from the schema,
 * so that each mistake keeps its own stable code and a message that says what to send.
 */
abstract class IntegratorController extends RestController {

	/** The integrators' namespace. */
	public const REST_NAMESPACE = 'wc-flashnode/v1';

	/**
	 * The integrators' namespace.
	 *
	 * @var string
	 */
	protected $namespace = self::REST_NAMESPACE;

	/**
	 * The route's full path, e.g. /wc-flashnode/v1/changes (a WP_REST_Request's route).
	 */
	public function route(): string {
		return '/' . $this->namespace . '/' . $this->rest_base;
	}

	/**
	 * Registers the route with one endpoint. Called on rest_api_init.
	 *
	 * @param array<string,mixed> $endpoint Methods, callback, permission_callback, args.
	 */
	protected function add_route( array $endpoint ): void {
		register_rest_route( self::REST_NAMESPACE, '/' . $this->rest_base, $endpoint );
	}

	/**
	 * The fields every successful answer carries.
	 *
	 * @return string[]
	 */
	protected function required_fields(): array {
		return array_keys( $this->answer_properties() );
	}
}
