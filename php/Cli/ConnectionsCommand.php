<?php
/**
 * `wp flashnode connections list|show|disconnect`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The connected services, as the page's Connections cards show them: Connections' records, Disconnect's revocation.
 */
final class ConnectionsCommand {

	/** Columns of list. */
	private const FIELDS = array( 'id', 'service_name', 'service_host', 'connected_at_utc', 'user', 'scopes', 'keys', 'webhooks' );

	/**
	 * Lists the connected services, newest first.
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
		Arguments::print_items( $format, array_map( array( self::class, 'row' ), Connections::all() ), self::FIELDS );
	}

	/**
	 * Shows one connection: its service, user, scopes, keys, webhooks and what the service reported.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The connection's id, as `wp flashnode connections list` shows it.
	 *
	 * [--format=<format>]
	 * : table (default) or json.
	 *
	 * @param string[]            $args       The id.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function show( array $args, array $assoc_args ): void {
		$format     = Arguments::format( $assoc_args );
		$connection = Connections::get( (string) ( $args[0] ?? '' ) );
		if ( null === $connection ) {
			Arguments::bad( 'No connection has this id: see `wp flashnode connections list`.' );
		}
		$row = self::row( $connection ) + array(
			// Empty on the record: it follows the shop-wide setting (Feed\TransferStatuses).
			'order_statuses'           => array() === $connection['order_statuses'] ? implode( ',', Settings::all()['order_statuses'] ) . ' (shop-wide)' : implode( ',', $connection['order_statuses'] ),
			'offers_own_user'          => Connections::broader_than_needed( $connection ) && null !== $connection['reconnect_url'] ? 'yes' : 'no',
			'polling_interval_minutes' => $connection['polling_interval_minutes'] ?? '',
			'ip_addresses'             => implode( ',', $connection['ip_addresses'] ),
			'notifies_on_disconnect'   => null === $connection['disconnect_url'] ? 'no' : 'yes',
		);
		Arguments::print_items( $format, array( $row ), array_keys( $row ) );
	}

	/**
	 * Ends a connection: revokes its keys, deletes its webhooks and its user, and tells the service.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The connection's id, as `wp flashnode connections list` shows it.
	 *
	 * @param string[]            $args       The id.
	 * @param array<string,mixed> $assoc_args None.
	 */
	public function disconnect( array $args, array $assoc_args ): void {
		$id = (string) ( $args[0] ?? '' );
		if ( '' === $id ) {
			Arguments::bad( 'Name the connection: `wp flashnode connections disconnect <id>`.' );
		}
		$done = Disconnect::run( $id, 'owner_disconnected' );
		if ( is_wp_error( $done ) ) {
			Arguments::bad( $done->get_error_message() );
		}
		\WP_CLI::success( sprintf( 'Disconnected %1$s: %2$d key(s) revoked, %3$d webhook(s) deleted%4$s.', $done['service_name'], count( $done['key_ids'] ), count( $done['webhook_ids'] ), $done['notified'] ? ', the service was told' : '' ) );
	}

	/**
	 * A connection as a row.
	 *
	 * @param array<string,mixed> $connection Record.
	 * @return array<string,mixed>
	 */
	private static function row( array $connection ): array {
		$user = get_userdata( (int) $connection['user_id'] );
		return array(
			'id'               => $connection['id'],
			'service_name'     => $connection['service_name'],
			'service_host'     => $connection['service_host'],
			'connected_at_utc' => $connection['connected_at_utc'],
			'user'             => $user ? $user->user_login . ( ServiceUser::is_service_user( $user ) ? '' : ' (not its own: broader than needed)' ) : '',
			'scopes'           => null === $connection['scopes'] ? 'all of its user\'s rights' : implode( ',', $connection['scopes'] ),
			'keys'             => implode( ',', $connection['key_ids'] ),
			'webhooks'         => implode( ',', $connection['webhook_ids'] ),
		);
	}
}
