<?php
/**
 * `wp flashnode resend <order-id>… --connection=<id>`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Adoption;
use Flashnode\Connector\Delivery\Resend;

defined( 'ABSPATH' ) || exit;

/**
 * The order screen's "Send to <service> again", for many orders at once.
 */
final class ResendCommand {

	/**
	 * Sends orders to a connected service again: each gets a `resent` change in the change log, which the plugin
	 * delivers (with retries) and feed consumers read too.
	 *
	 * ## OPTIONS
	 *
	 * <order-id>...
	 * : One or more order ids.
	 *
	 * --connection=<id>
	 * : The connection to wake at once, as `wp flashnode deliveries list` shows it.
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode resend 1201 1202 --connection=erp-example-com
	 *
	 * @param string[]            $args       Order ids.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$record = Connections::get( (string) ( $assoc_args['connection'] ?? '' ) );
		if ( null === $record || ! Adoption::delivers( $record ) ) {
			Arguments::bad( 'Name a connection the plugin delivers to with --connection=<id>: see `wp flashnode deliveries list`.' );
		}
		$ids = array();
		foreach ( $args as $arg ) {
			$ids[] = Arguments::id( array( $arg ), 'order' );
		}
		$done    = Resend::orders( $ids, (string) $record['id'] );
		$missing = array_diff( $ids, $done );
		if ( array() !== $missing ) {
			Arguments::fail( sprintf( 'Queued %1$d order(s) for %2$s; not orders of this shop: %3$s.', count( $done ), $record['service_name'], implode( ', ', $missing ) ) );
		}
		\WP_CLI::success( sprintf( 'Queued %1$d order(s) for %2$s.', count( $done ), $record['service_name'] ) );
	}
}
