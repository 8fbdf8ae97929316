<?php
/**
 * Admin routes for readiness checks and their fixes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Readiness\Fix;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Readiness\UndoableFix;

defined( 'ABSPATH' ) || exit;

/**
 * GET    flashnode/v1/readiness             the report (cached; ?fresh=true runs every check now)
 * POST   flashnode/v1/readiness/fixes/{id}  applies a one-click fix; answers its check's new result and the fresh
 *                                           report (a fix can change other checks too: one run, one answer)
 * DELETE flashnode/v1/readiness/fixes/{id}  takes back a fix that can be undone (UndoableFix), answering the same
 */
final class ReadinessController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'readiness';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/readiness',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'get_report' ),
					'args'     => array(
						'fresh' => array(
							'description' => __( 'Run every check now instead of returning the cached report.', 'flashnode-connector' ),
							'type'        => 'boolean',
							'default'     => false,
						),
					),
				),
			)
		);
		$this->add_route(
			'/readiness/fixes/(?P<id>[a-z_]+)',
			array(
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'apply_fix' ),
				),
				array(
					'methods'  => \WP_REST_Server::DELETABLE,
					'callback' => array( $this, 'remove_fix' ),
				),
			),
			array(
				'id' => array(
					'description' => __( 'The fix to apply.', 'flashnode-connector' ),
					'type'        => 'string',
					'enum'        => array_keys( Readiness::fixes() ),
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
			'status'     => self::field( 'string', __( 'The worst result: error, warning or ok (GET).', 'flashnode-connector' ) ),
			'checked_at' => self::field( 'string', __( 'When the checks ran, UTC (GET).', 'flashnode-connector' ) ),
			'results'    => self::field( 'array', __( 'One result per check: id, title, status, message, why, fix, details, fix_id, fix_question, undo_id, undo_question (GET).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'fix'        => self::field( 'string', __( 'The fix applied or taken back (POST, DELETE).', 'flashnode-connector' ) ),
			'result'     => self::field( array( 'object', 'null' ), __( 'Its check\'s new result (POST, DELETE).', 'flashnode-connector' ) ),
			'report'     => self::field( 'object', __( 'The fresh report, as GET answers it (POST, DELETE).', 'flashnode-connector' ) ),
		);
	}

	/**
	 * The readiness report.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_report( \WP_REST_Request $request ): \WP_REST_Response {
		$readiness = new Readiness();
		return new \WP_REST_Response( $readiness->present( $readiness->report( (bool) $request['fresh'] ) ) );
	}

	/**
	 * Applies a fix, then runs its check again.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function apply_fix( \WP_REST_Request $request ) {
		$fix = Readiness::fixes()[ (string) $request['id'] ];
		return self::outcome( $fix, $fix->apply() );
	}

	/**
	 * Undoes a fix that can be undone (the .htaccess rule), then runs the checks again.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function remove_fix( \WP_REST_Request $request ) {
		$fix = Readiness::fixes()[ (string) $request['id'] ];
		if ( ! $fix instanceof UndoableFix ) {
			return new \WP_Error( 'flashnode_fix_not_removable', __( 'This fix changes a WordPress or WooCommerce setting; change it back in that setting\'s screen.', 'flashnode-connector' ), array( 'status' => 400 ) );
		}
		return self::outcome( $fix, $fix->remove() );
	}

	/**
	 * The error of a fix, or the fresh report with its check's new result.
	 *
	 * @param Fix            $fix   The fix applied or removed.
	 * @param \WP_Error|null $error What went wrong, if anything.
	 * @return \WP_REST_Response|\WP_Error
	 */
	private static function outcome( Fix $fix, ?\WP_Error $error ) {
		if ( null !== $error ) {
			return $error;
		}
		$readiness = new Readiness();
		$report    = $readiness->present( $readiness->report( true ) );
		$results   = array_column( $report['results'], null, 'id' );
		return new \WP_REST_Response(
			array(
				'fix'    => $fix->id(),
				'result' => $results[ $fix->check_id() ] ?? null,
				'report' => $report,
			)
		);
	}
}
