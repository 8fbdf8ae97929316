<?php
/**
 * The readiness report as Site Health, the WooCommerce status report and WP-CLI show it.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Support;

use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * One source for every place outside the plugin's tab: the same cached report (so a screen that shows it adds
 * no loopback request while the report is fresh) with the same titles, messages, whys and fixes as the tab.
 */
final class CheckedReport {

	/**
	 * The presented report: cached unless $fresh (then every check runs now).
	 *
	 * @param bool $fresh Run every check now.
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}
	 */
	public static function get( bool $fresh = false ): array {
		$readiness = new Readiness();
		return $readiness->present( $readiness->report( $fresh ) );
	}

	/**
	 * One check's presented result from a report, or null.
	 *
	 * @param array{checked_at:string,status:string,results:array<int,array<string,mixed>>} $report A presented report.
	 * @param string                                                                        $id     Check id.
	 * @return array<string,mixed>|null
	 */
	public static function result( array $report, string $id ): ?array {
		foreach ( $report['results'] as $result ) {
			if ( ( $result['id'] ?? null ) === $id ) {
				return $result;
			}
		}
		return null;
	}

	/**
	 * Whether a result counts as failing: an error, which breaks the integration until it is fixed. Warnings
	 * (works for now, or could not be verified) are shown everywhere but do not fail.
	 *
	 * @param array<string,mixed> $result A result.
	 */
	public static function fails( array $result ): bool {
		return CheckResult::ERROR === ( $result['status'] ?? '' );
	}

	/**
	 * A status in the owner's words: the same words as the tab's badges (statusLabel() in
	 * src/panels/readiness-panel.tsx).
	 *
	 * @param string $status A CheckResult status.
	 */
	public static function status_label( string $status ): string {
		switch ( $status ) {
			case CheckResult::ERROR:
				return __( 'Needs action', 'flashnode-connector' );
			case CheckResult::WARNING:
				return __( 'Warning', 'flashnode-connector' );
			case CheckResult::NOT_APPLICABLE:
				return __( 'Not needed', 'flashnode-connector' );
			default:
				return __( 'OK', 'flashnode-connector' );
		}
	}
}
