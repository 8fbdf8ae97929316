<?php
/**
 * `wp flashnode status|check|fix`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Support\CheckedReport;

defined( 'ABSPATH' ) || exit;

/**
 * The readiness checks from the command line: the same report, words and fixes as WooCommerce > Settings >
 * Flashnode (Readiness, through CheckedReport as Site Health and the status report use it).
 */
final class FlashnodeCommand {

	/**
	 * Shows the readiness checks (the cached report; the checks run now only when it is older than 5 minutes).
	 *
	 * Exit code 0 when no check fails, 1 when one does (status "error"; warnings do not fail), 2 for bad arguments.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table (default) or json (the whole report: id, title, status, message, why, fix, fix_id, details).
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode status
	 *     wp flashnode status --format=json
	 *
	 * @param string[]            $args       Positional arguments (none).
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function status( array $args, array $assoc_args ): void {
		$this->show( CheckedReport::get(), Arguments::format( $assoc_args ) );
	}

	/**
	 * Runs the readiness checks and shows what each found, with why it matters and what to do.
	 *
	 * Exit code 0 when no check fails, 1 when one does, 2 for bad arguments.
	 *
	 * ## OPTIONS
	 *
	 * [--fresh]
	 * : Run every check now instead of using a report younger than 5 minutes.
	 *
	 * [--format=<format>]
	 * : table (default) or json.
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode check --fresh
	 *
	 * @param string[]            $args       Positional arguments (none).
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function check( array $args, array $assoc_args ): void {
		$format = Arguments::format( $assoc_args );
		$report = CheckedReport::get( (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'fresh', false ) );
		if ( 'table' === $format ) {
			foreach ( $report['results'] as $result ) {
				if ( '' !== (string) $result['why'] ) {
					\WP_CLI::line( sprintf( '%s: %s', $result['title'], $result['message'] ) );
					\WP_CLI::line( '  ' . (string) $result['why'] );
					\WP_CLI::line( '  ' . (string) $result['fix'] . ( null === $result['fix_id'] ? '' : sprintf( ' (wp flashnode fix %s)', $result['fix_id'] ) ) );
				}
			}
		}
		$this->show( $report, $format );
	}

	/**
	 * Applies a one-click fix, as the button in WooCommerce > Settings > Flashnode does, then runs the checks.
	 *
	 * Exit code 0 when the fix worked and its check passes, 1 when not, 2 for an unknown fix.
	 *
	 * ## OPTIONS
	 *
	 * [<id>]
	 * : The fix (required), as `wp flashnode check` names it, e.g. permalinks.
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode fix permalinks
	 *
	 * @param string[]            $args       The fix id.
	 * @param array<string,mixed> $assoc_args Options (none).
	 */
	public function fix( array $args, array $assoc_args ): void {
		$fixes = Readiness::fixes();
		$id    = (string) ( $args[0] ?? '' );
		if ( ! isset( $fixes[ $id ] ) ) {
			Arguments::bad( sprintf( 'Unknown fix "%s". Fixes: %s.', $id, implode( ', ', array_keys( $fixes ) ) ) );
		}
		\WP_CLI::line( $fixes[ $id ]->question() );
		$error = $fixes[ $id ]->apply();
		if ( null !== $error ) {
			Arguments::fail( $error->get_error_message() );
		}
		$result = CheckedReport::result( CheckedReport::get( true ), $fixes[ $id ]->check_id() );
		if ( null === $result ) {
			Arguments::fail( 'The fix was applied, but its check did not run.' );
		}
		if ( CheckedReport::fails( $result ) ) {
			Arguments::fail( sprintf( 'The fix was applied, but the check still says: %s', (string) $result['message'] ) );
		}
		\WP_CLI::success( (string) $result['message'] );
	}

	/**
	 * Prints the report and exits 1 when a check fails.
	 *
	 * @param array{checked_at:string,status:string,results:array<int,array<string,mixed>>} $report Presented report.
	 * @param string                                                                        $format table or json.
	 */
	private function show( array $report, string $format ): void {
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $report, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		} else {
			$rows = array();
			foreach ( $report['results'] as $result ) {
				$rows[] = array(
					'id'      => $result['id'],
					'status'  => CheckedReport::status_label( (string) $result['status'] ),
					'title'   => $result['title'],
					'message' => $result['message'],
				);
			}
			\WP_CLI\Utils\format_items( 'table', $rows, array( 'id', 'status', 'title', 'message' ) );
			\WP_CLI::line( sprintf( 'Checked %s.', $report['checked_at'] ) );
		}
		foreach ( $report['results'] as $result ) {
			if ( CheckedReport::fails( $result ) ) {
				\WP_CLI::halt( Arguments::FAILED );
			}
		}
	}
}
