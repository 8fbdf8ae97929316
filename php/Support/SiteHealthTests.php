<?php
/**
 * The readiness checks as Site Health tests (Tools > Site Health > Status).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Support;

use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Each check becomes an async Site Health test. The page asks the test's own URL, the plugin's admin route
 * GET flashnode/v1/readiness/site-health/flashnode-<check> (Rest\SiteHealthController; Site Health's own REST
 * namespace is WordPress core's, not for plugins); WordPress's weekly cron run calls the test directly
 * (async_direct_test), without an HTTP request. Both answer from the plugin's cached report, so the
 * page adds no loopback request while the report is fresh, and show the tab's words: the result's message as
 * the label, its why and fix as the description, a link to the tab as the action.
 */
final class SiteHealthTests {

	/** The route below the admin namespace (flashnode/v1) that answers the tests, one test name after it. */
	public const ROUTE = '/readiness/site-health';

	/** Prefix of the test names and routes, e.g. tests/flashnode-permalinks. */
	public const PREFIX = 'flashnode-';

	/** Site Health's status for each result status. */
	private const STATUSES = array(
		CheckResult::OK             => 'good',
		CheckResult::NOT_APPLICABLE => 'good',
		CheckResult::WARNING        => 'recommended',
		CheckResult::ERROR          => 'critical',
	);

	/**
	 * A Site Health test result for a check, from the cached report (run now only when it is not fresh).
	 *
	 * @param string $id Check id.
	 * @return array{label:string,status:string,badge:array{label:string,color:string},description:string,actions:string,test:string}
	 */
	public static function result( string $id ): array {
		$report = CheckedReport::get();
		$result = CheckedReport::result( $report, $id ) ?? array(
			'status'  => CheckResult::WARNING,
			'message' => __( 'This check did not run.', 'flashnode-connector' ),
			'title'   => $id,
		);
		$status = (string) $result['status'];
		$parts  = array( (string) ( $result['why'] ?? '' ), (string) ( $result['fix'] ?? '' ) );
		if ( ! empty( $result['fix_question'] ) ) {
			/* translators: %s: what the one-click fix changes, e.g. "Set permalinks to Post name?". */
			$parts[] = sprintf( __( 'One-click fix in WooCommerce > Settings > Flashnode: %s', 'flashnode-connector' ), (string) $result['fix_question'] );
		}
		/* translators: 1: check title, 2: status, e.g. "Needs action", 3: date and time the checks ran (UTC). */
		$parts[]     = sprintf( __( '%1$s: %2$s (checked %3$s UTC by Flashnode Connector).', 'flashnode-connector' ), (string) $result['title'], CheckedReport::status_label( $status ), str_replace( array( 'T', 'Z' ), array( ' ', '' ), $report['checked_at'] ) );
		$description = '';
		foreach ( array_filter( $parts ) as $part ) {
			$description .= '<p>' . esc_html( $part ) . '</p>';
		}
		return array(
			'label'       => (string) $result['message'],
			'status'      => self::STATUSES[ $status ] ?? 'recommended',
			'badge'       => array(
				'label' => __( 'Flashnode Connector', 'flashnode-connector' ),
				'color' => 'blue',
			),
			'description' => $description,
			'actions'     => sprintf( '<p><a href="%1$s">%2$s</a></p>', esc_url( Settings::page_url() ), esc_html__( 'Open WooCommerce > Settings > Flashnode', 'flashnode-connector' ) ),
			'test'        => self::name( $id ),
		);
	}

	/**
	 * Test name of a check: flashnode- and its id with hyphens, as WordPress names its own tests' routes.
	 *
	 * @param string $id Check id, e.g. authorization_header.
	 */
	public static function name( string $id ): string {
		return self::PREFIX . str_replace( '_', '-', $id );
	}

	/**
	 * Check id of a test name.
	 *
	 * @param string $name Test name, e.g. flashnode-authorization-header.
	 */
	public static function check_id( string $name ): string {
		return str_replace( '-', '_', substr( $name, strlen( self::PREFIX ) ) );
	}
}
