<?php
/**
 * `wp flashnode changes`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Integrator\FeedController;

defined( 'ABSPATH' ) || exit;

/**
 * The order change feed from the command line. The options go through the feed route's own answer
 * (FeedController::answer(), which checks them and reads Feed::page()), so a mistake gets the same stable code and
 * message as GET /changes, and the page is the one a service would get. No key is presented, so the read is not
 * noted as a consumer's: the lag and "last feed read" in Site Health stay the services'.
 */
final class ChangesCommand {

	/** Columns of the table and CSV. */
	private const FIELDS = array( 'cursor', 'order_id', 'event', 'status', 'modified_gmt' );

	/**
	 * Lists one page of order changes after a cursor (or from a date), then the cursor to continue from.
	 *
	 * Exit code 0 with a page (also an empty one), 2 for bad arguments; the error names the feed's code,
	 * e.g. flashnode_feed_bad_limit.
	 *
	 * ## OPTIONS
	 *
	 * [--after=<cursor>]
	 * : Changes after this cursor (a next cursor printed before). 0, the default, starts with every existing order.
	 *
	 * [--since=<date>]
	 * : Instead of --after: changes to orders modified from this ISO 8601 date on, e.g. 2026-01-31 or
	 * 2026-01-31T12:00:00Z (UTC unless an offset is given).
	 *
	 * [--limit=<limit>]
	 * : Changes per page, 1 to 500 (default 100).
	 *
	 * [--statuses=<statuses>]
	 * : Only changes to orders in these statuses (comma-separated, without "wc-"), plus deletions.
	 *
	 * [--format=<format>]
	 * : table (default), json (the page as GET /changes answers it) or csv. The table and CSV end with the next
	 * cursor on a line of its own; for CSV that line goes to stderr, so stdout stays CSV.
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode changes
	 *     wp flashnode changes --after=1042 --statuses=processing,completed --format=json
	 *     wp flashnode changes --since=2026-11-01
	 *
	 * @param string[]            $args       None.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$format = Arguments::format( $assoc_args, array( 'table', 'json', 'csv' ) );
		$query  = array();
		foreach ( array( 'after', 'since', 'limit', 'statuses' ) as $name ) {
			if ( array_key_exists( $name, $assoc_args ) ) {
				// WP-CLI drops an option given without a value (with a warning); anything else not a string is refused.
				$query[ $name ] = is_string( $assoc_args[ $name ] ) ? $assoc_args[ $name ] : '';
			}
		}
		if ( ! isset( $query['after'] ) && ! isset( $query['since'] ) ) {
			$query['after'] = '0';
		}
		$feed    = new FeedController();
		$request = new \WP_REST_Request( 'GET', $feed->route() );
		$request->set_query_params( $query );
		$answer = $feed->answer( $request );
		if ( is_wp_error( $answer ) ) {
			Arguments::bad( sprintf( '%s (%s)', $answer->get_error_message(), (string) $answer->get_error_code() ) );
		}
		$page = (array) $answer->get_data();
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $page, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		$rows = array();
		foreach ( (array) $page['changes'] as $change ) {
			$change['status']       = (string) $change['status'];
			$change['modified_gmt'] = (string) $change['modified_gmt'];
			$rows[]                 = $change;
		}
		if ( array() !== $rows || 'csv' === $format ) {
			\WP_CLI\Utils\format_items( $format, $rows, self::FIELDS );
		}
		$next = sprintf( 'Next cursor: %d%s', (int) $page['next_cursor'], empty( $page['has_more'] ) ? '' : ' (more changes waiting)' );
		if ( 'csv' === $format ) {
			fwrite( STDERR, $next . "\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- stdout stays CSV.
			return;
		}
		if ( array() === $rows ) {
			\WP_CLI::line( 'No changes.' );
		}
		\WP_CLI::line( $next );
	}
}
