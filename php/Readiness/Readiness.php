<?php
/**
 * Runs the readiness checks and caches their report.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

use Flashnode\Connector\Readiness\Checks\AuthorizationHeaderCheck;
use Flashnode\Connector\Readiness\Checks\ChangeLogCheck;
use Flashnode\Connector\Readiness\Checks\ConnectionsCheck;
use Flashnode\Connector\Readiness\Checks\DeliveriesCheck;
use Flashnode\Connector\Readiness\Checks\EnvironmentCheck;
use Flashnode\Connector\Readiness\Checks\HttpsCheck;
use Flashnode\Connector\Readiness\Checks\LegacyApiCheck;
use Flashnode\Connector\Readiness\Checks\OrderStorageCheck;
use Flashnode\Connector\Readiness\Checks\PermalinksCheck;
use Flashnode\Connector\Readiness\Checks\RestApiCheck;
use Flashnode\Connector\Readiness\Checks\SchedulerCheck;
use Flashnode\Connector\Readiness\Checks\SiteVisibilityCheck;
use Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix;
use Flashnode\Connector\Readiness\Fixes\ChangeLogFix;
use Flashnode\Connector\Readiness\Fixes\LegacyApiFix;
use Flashnode\Connector\Readiness\Fixes\OrderSyncFix;
use Flashnode\Connector\Readiness\Fixes\PermalinksFix;

defined( 'ABSPATH' ) || exit;

/**
 * The report is cached briefly (a transient) so that the admin page and the health endpoint stay cheap; the
 * last report is also kept without expiry, so the health endpoint always has something to summarise without
 * running checks (and their loopback requests) inside the integrator's request.
 */
final class Readiness {

	/** Transient holding the fresh report. */
	public const CACHE_TRANSIENT = 'flashnode_connector_readiness';

	/** How long a report counts as fresh. */
	public const CACHE_SECONDS = 300;

	/** Option holding the last report, whatever its age (not autoloaded). */
	public const LAST_REPORT_OPTION = 'flashnode_connector_last_readiness';

	/** Statuses from worst to best, for the overall status. */
	private const SEVERITY = array( CheckResult::ERROR, CheckResult::WARNING, CheckResult::OK, CheckResult::NOT_APPLICABLE );

	/**
	 * The checks, in the order the page shows them.
	 *
	 * @var Check[]
	 */
	private $checks;

	/**
	 * Creates the runner.
	 *
	 * @param Check[]|null $checks Checks to run; all of them by default.
	 */
	public function __construct( ?array $checks = null ) {
		$this->checks = $checks ?? self::default_checks();
	}

	/**
	 * Every check, in the order a shop owner should work through them.
	 *
	 * @return Check[]
	 */
	public static function default_checks(): array {
		return array(
			new EnvironmentCheck(),
			new PermalinksCheck(),
			new HttpsCheck(),
			new AuthorizationHeaderCheck(),
			new RestApiCheck(),
			new LegacyApiCheck(),
			new SchedulerCheck(),
			new SiteVisibilityCheck(),
			new OrderStorageCheck(),
			new ChangeLogCheck(),
			new ConnectionsCheck(),
			new DeliveriesCheck(),
		);
	}

	/**
	 * The one-click fixes, by id.
	 *
	 * @return array<string,Fix>
	 */
	public static function fixes(): array {
		$fixes = array();
		foreach ( array( new PermalinksFix(), new LegacyApiFix(), new OrderSyncFix(), new AuthorizationHeaderFix(), new ChangeLogFix() ) as $fix ) {
			$fixes[ $fix->id() ] = $fix;
		}
		return $fixes;
	}

	/**
	 * The report: cached unless $fresh, otherwise every check runs now.
	 *
	 * @param bool $fresh Bypass the cache.
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}
	 */
	public function report( bool $fresh = false ): array {
		$stored = $fresh ? null : get_transient( self::CACHE_TRANSIENT );
		// The results' messages are worded when the checks run, in that request's language: a report made for a
		// user with another language (or for a REST call in the site's language) is made again, not shown.
		$cached = is_array( $stored ) && determine_locale() === ( $stored['locale'] ?? null ) ? self::valid_report( $stored ) : null;
		if ( null !== $cached ) {
			return $cached;
		}
		$probe   = new LoopbackProbe();
		$results = array();
		foreach ( $this->checks as $check ) {
			$results[] = $this->run_safely( $check, $probe )->to_array();
		}
		return $this->store( $results );
	}

	/**
	 * The report as the page shows it: each result with its check's title and the confirmation questions of the
	 * fixes it offers, in the current user's language. Added here rather than cached, so the cache holds what
	 * was found, and titles and questions are defined once, in the checks and fixes.
	 *
	 * @param array{checked_at:string,status:string,results:array<int,array<string,mixed>>} $report A report.
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}
	 */
	public function present( array $report ): array {
		$titles = array();
		foreach ( $this->checks as $check ) {
			$titles[ $check->id() ] = $check->title();
		}
		$fixes = self::fixes();
		foreach ( $report['results'] as $index => $result ) {
			$fix  = $fixes[ (string) ( $result['fix_id'] ?? '' ) ] ?? null;
			$undo = $fixes[ (string) ( $result['undo_id'] ?? '' ) ] ?? null;

			$report['results'][ $index ] += array(
				'title'         => $titles[ $result['id'] ] ?? (string) $result['id'],
				'fix_question'  => null === $fix ? null : $fix->question(),
				'undo_question' => $undo instanceof UndoableFix ? $undo->undo_question() : null,
			);
		}
		return $report;
	}

	/**
	 * The last report, however old, or null if checks never ran. Never runs anything.
	 *
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}|null
	 */
	public static function last_report(): ?array {
		return self::valid_report( get_option( self::LAST_REPORT_OPTION ) );
	}

	/**
	 * A stored report, or null when the stored value is missing or not a report.
	 *
	 * @param mixed $stored Value from the transient or option.
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}|null
	 */
	private static function valid_report( $stored ): ?array {
		if ( ! is_array( $stored ) || ! isset( $stored['checked_at'], $stored['status'], $stored['results'] ) || ! is_array( $stored['results'] ) ) {
			return null;
		}
		return array(
			'checked_at' => (string) $stored['checked_at'],
			'status'     => (string) $stored['status'],
			'results'    => array_values( array_filter( $stored['results'], 'is_array' ) ),
		);
	}

	/**
	 * Forgets cached results, e.g. after a setting they depend on changed. Plugin hooks it to each option the
	 * checks name in stale_on() (Plugin::READINESS_OPTIONS), so the page never shows a state the owner has just
	 * changed elsewhere, and to plugin (de)activation.
	 */
	public static function forget(): void {
		delete_transient( self::CACHE_TRANSIENT );
	}

	/**
	 * The worst status among results.
	 *
	 * @param array<int,array<string,mixed>> $results Results as arrays.
	 */
	public static function overall_status( array $results ): string {
		$statuses = array_column( $results, 'status' );
		foreach ( self::SEVERITY as $status ) {
			if ( in_array( $status, $statuses, true ) ) {
				return CheckResult::NOT_APPLICABLE === $status ? CheckResult::OK : $status;
			}
		}
		return CheckResult::OK;
	}

	/**
	 * Caches and keeps a report.
	 *
	 * @param array<int,array<string,mixed>> $results Results as arrays.
	 * @return array{checked_at:string,status:string,results:array<int,array<string,mixed>>}
	 */
	private function store( array $results ): array {
		$report = array(
			'checked_at' => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'status'     => self::overall_status( $results ),
			'results'    => $results,
		);
		set_transient( self::CACHE_TRANSIENT, $report + array( 'locale' => determine_locale() ), self::CACHE_SECONDS );
		update_option( self::LAST_REPORT_OPTION, $report, false );
		return $report;
	}

	/**
	 * Runs a check; a check that throws (another plugin's bug, a broken host) becomes a warning, not a 500.
	 *
	 * @param Check         $check The check.
	 * @param LoopbackProbe $probe Shared probe.
	 */
	private function run_safely( Check $check, LoopbackProbe $probe ): CheckResult {
		try {
			return $check->run( $probe )->for_check( $check->id() );
		} catch ( \Throwable $error ) {
			return CheckResult::warning(
				/* translators: %s: error message. */
				sprintf( __( 'This check could not run: %s', 'flashnode-connector' ), $error->getMessage() ),
				'',
				__( 'Run the checks again; if this persists, send the message to support.', 'flashnode-connector' )
			)->for_check( $check->id() );
		}
	}
}
