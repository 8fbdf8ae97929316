<?php
/**
 * `wp flashnode deliveries list|log|retry`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Adoption;
use Flashnode\Connector\Delivery\Deliverer;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Delivery\DeliveryState;
use Flashnode\Connector\Delivery\Status;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's order deliveries, as the Connections cards show them (Delivery\Status), and "Retry now".
 */
final class DeliveriesCommand {

	/** Columns of list. */
	private const FIELDS = array( 'connection_id', 'service_name', 'format', 'undelivered', 'oldest_undelivered_at', 'failures', 'next_attempt_at', 'failing', 'late' );

	/** Columns of log. */
	private const LOG_FIELDS = array( 'at', 'cursor', 'order_id', 'event', 'topic', 'attempt', 'http_status', 'duration_ms', 'error' );

	/**
	 * Lists each connection the plugin delivers order changes to: what is waiting and since when.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table (default) or json.
	 *
	 * @subcommand list
	 *
	 * @param string[]            $args       None.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function list_( array $args, array $assoc_args ): void {
		$format = Arguments::format( $assoc_args );
		$rows   = array_map(
			static function ( array $status ) use ( $format ): array {
				if ( 'table' === $format ) {
					$status['failing'] = $status['failing'] ? 'yes' : 'no';
					$status['late']    = $status['late'] ? 'yes' : 'no';
				}
				return $status;
			},
			Status::all()
		);
		Arguments::print_items( $format, $rows, self::FIELDS );
	}

	/**
	 * Shows a connection's last delivery attempts, newest first (at most 200).
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The connection's id, as `wp flashnode deliveries list` shows it.
	 *
	 * [--format=<format>]
	 * : table (default) or json.
	 *
	 * @param string[]            $args       The id.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function log( array $args, array $assoc_args ): void {
		$format = Arguments::format( $assoc_args );
		$record = self::delivering( $args );
		Arguments::print_items( $format, DeliveryState::log( (string) $record['id'] ), self::LOG_FIELDS );
	}

	/**
	 * Tries a connection's waiting change now instead of at its retry time, and delivers what it can in one
	 * batch (more follows in the background).
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The connection's id, as `wp flashnode deliveries list` shows it.
	 *
	 * @param string[]            $args       The id.
	 * @param array<string,mixed> $assoc_args None.
	 */
	public function retry( array $args, array $assoc_args ): void {
		$record = self::delivering( $args );
		$id     = (string) $record['id'];
		Dispatcher::retry_now( $id );
		$result = Deliverer::run( $id );
		Dispatcher::deliver_follow_up( $id, $result );
		if ( 'busy' === $result['outcome'] ) {
			\WP_CLI::success( sprintf( 'Deliveries to %s are running right now; the waiting change is due at once.', $record['service_name'] ) );
			return;
		}
		if ( 'retry' === $result['outcome'] ) {
			$log = DeliveryState::log( $id );
			Arguments::fail( sprintf( '%1$s did not accept the change (%2$s); %3$d delivered before it. Next attempt at %4$s UTC.', $record['service_name'], (string) ( $log[0]['error'] ?? '' ), $result['delivered'], gmdate( 'Y-m-d H:i:s', (int) $result['next_at'] ) ) );
		}
		\WP_CLI::success( sprintf( 'Delivered %1$d change(s) to %2$s%3$s.', $result['delivered'], $record['service_name'], 'more' === $result['outcome'] ? '; more follow in the background' : '; nothing is waiting' ) );
	}

	/**
	 * The connection named by the first argument, if the plugin delivers to it; stops otherwise.
	 *
	 * @param string[] $args Arguments.
	 * @return array<string,mixed>
	 */
	private static function delivering( array $args ): array {
		$record = Connections::get( (string) ( $args[0] ?? '' ) );
		if ( null === $record || ! Adoption::delivers( $record ) ) {
			Arguments::bad( 'The plugin delivers no order changes to a connection with this id: see `wp flashnode deliveries list`.' );
		}
		return $record;
	}
}
