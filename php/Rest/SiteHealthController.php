<?php
/**
 * The admin route behind the plugin's Site Health tests.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Support\SiteHealthTests;

defined( 'ABSPATH' ) || exit;

/**
 * GET flashnode/v1/readiness/site-health/{test}  one check's cached result as a Site Health test result
 *
 * Tools > Site Health asks each async test's own URL (the 'test' of site_status_tests), so the route lives in the
 * plugin's namespace, not in Site Health's own REST namespace, which belongs to WordPress core. It is an admin route like
 * the others (shop managers; the Site Health page sends the REST nonce), and answers what GET /readiness
 * answers for the same check, in Site Health's shape.
 */
final class SiteHealthController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'site-health';

	/**
	 * Adds one async test per check (site_status_tests filter), each asking this route. Here rather than in
	 * Support\SiteHealthTests so that the tests' results do not depend on the REST routes that serve them.
	 *
	 * @param mixed $tests Site Health's tests: direct and async.
	 * @return mixed
	 */
	public static function add_tests( $tests ) {
		if ( ! is_array( $tests ) ) {
			return $tests;
		}
		foreach ( Readiness::default_checks() as $check ) {
			$id = $check->id();
			$tests['async'][ SiteHealthTests::name( $id ) ] = array(
				'label'             => $check->title(),
				'test'              => rest_url( self::REST_NAMESPACE . SiteHealthTests::ROUTE . '/' . SiteHealthTests::name( $id ) ),
				'has_rest'          => true,
				'async_direct_test' => static function () use ( $id ): array {
					return SiteHealthTests::result( $id );
				},
			);
		}
		return $tests;
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		$names = array();
		foreach ( Readiness::default_checks() as $check ) {
			$names[] = SiteHealthTests::name( $check->id() );
		}
		$this->add_route(
			SiteHealthTests::ROUTE . '/(?P<test>' . SiteHealthTests::PREFIX . '[a-z-]+)',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'get_result' ),
				),
			),
			array(
				'test' => array(
					'description' => __( 'The Site Health test: flashnode- and the readiness check\'s id.', 'flashnode-connector' ),
					'type'        => 'string',
					'enum'        => $names,
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
			'label'       => self::field( 'string', __( 'The check\'s result in one sentence.', 'flashnode-connector' ) ),
			'status'      => self::field( 'string', __( 'Site Health\'s status: good, recommended or critical.', 'flashnode-connector' ), array( 'enum' => array( 'good', 'recommended', 'critical' ) ) ),
			'badge'       => self::field( 'object', __( 'Site Health\'s badge: label and color.', 'flashnode-connector' ) ),
			'description' => self::field( 'string', __( 'Why it matters and how to fix it (HTML).', 'flashnode-connector' ) ),
			'actions'     => self::field( 'string', __( 'A link to the plugin\'s tab (HTML).', 'flashnode-connector' ) ),
			'test'        => self::field( 'string', __( 'The test\'s name.', 'flashnode-connector' ) ),
		);
	}

	/**
	 * One test's result.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_result( \WP_REST_Request $request ): \WP_REST_Response {
		return new \WP_REST_Response( SiteHealthTests::result( SiteHealthTests::check_id( (string) $request['test'] ) ) );
	}
}
