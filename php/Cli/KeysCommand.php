<?php
/**
 * `wp flashnode keys list|create|revoke`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Keys\NewKey;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's WooCommerce API keys, through ApiKeys and NewKey as the keys route uses them.
 */
final class KeysCommand {

	/**
	 * Lists the plugin's keys, newest first, without secrets (the last 7 characters of each consumer key).
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
		$rows   = array();
		foreach ( ApiKeys::all() as $key ) {
			$rows[] = array(
				'key_id'          => $key['key_id'],
				'truncated_key'   => '…' . $key['truncated_key'],
				'permissions'     => $key['permissions'],
				'user'            => $key['user']['login'],
				'description'     => $key['description'],
				'last_access_utc' => $key['last_access_utc'] ?? 'never',
				'problem'         => $key['problem'] ?? '',
			);
		}
		Arguments::print_items( $format, $rows, array( 'key_id', 'truncated_key', 'permissions', 'user', 'description', 'last_access_utc', 'problem' ) );
	}

	/**
	 * Creates a key and prints its consumer key and secret, this once: they are never shown again.
	 *
	 * ## OPTIONS
	 *
	 * [--owner=<user-id>]
	 * : The user the key acts as (default: the one given with --user). Must be able to manage WooCommerce.
	 *
	 * [--permissions=<permissions>]
	 * : read, write or read_write (default; integrations mark orders as transferred).
	 *
	 * [--description=<description>]
	 * : Shown in the key lists (default: "Flashnode – <date>").
	 *
	 * [--format=<format>]
	 * : table (default) or json.
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode keys create --user=admin
	 *
	 * @param string[]            $args       None.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function create( array $args, array $assoc_args ): void {
		$format      = Arguments::format( $assoc_args );
		$permissions = (string) ( $assoc_args['permissions'] ?? 'read_write' );
		if ( ! in_array( $permissions, ApiKeys::PERMISSIONS, true ) ) {
			Arguments::bad( sprintf( 'Unknown --permissions "%s": use %s.', $permissions, implode( ', ', ApiKeys::PERMISSIONS ) ) );
		}
		$owner = $assoc_args['owner'] ?? null;
		if ( null !== $owner && ! preg_match( '/^[1-9][0-9]{0,18}$/', (string) $owner ) ) {
			Arguments::bad( 'Give --owner as a user id (a positive number).' );
		}
		$new = NewKey::from(
			array(
				'user_id'     => null === $owner ? null : (int) $owner,
				'permissions' => $permissions,
				'description' => isset( $assoc_args['description'] ) ? (string) $assoc_args['description'] : '',
			)
		);
		if ( is_wp_error( $new ) ) {
			Arguments::bad( $new->get_error_message() . ' (Pass --user=<login> to act as a shop manager.)' );
		}
		$key = $new->create();
		if ( is_wp_error( $key ) ) {
			Arguments::fail( $key->get_error_message() );
		}
		Arguments::print_items( $format, array( $key ), array( 'key_id', 'consumer_key', 'consumer_secret', 'permissions', 'user_id' ) );
		\WP_CLI::warning( 'Store the consumer key and secret now: they are not shown again.' );
	}

	/**
	 * Revokes one of the plugin's keys; WooCommerce stops accepting it at once.
	 *
	 * ## OPTIONS
	 *
	 * [<id>]
	 * : The key's id (required), as `wp flashnode keys list` shows it.
	 *
	 * @param string[]            $args       The key id.
	 * @param array<string,mixed> $assoc_args None.
	 */
	public function revoke( array $args, array $assoc_args ): void {
		$key_id = Arguments::id( $args, 'API key' );
		if ( ! ApiKeys::revoke( $key_id ) ) {
			Arguments::bad( 'No API key of Flashnode Connector has this id (keys created elsewhere are managed in WooCommerce > Settings > Advanced > REST API).' );
		}
		\WP_CLI::success( sprintf( 'Revoked key %d.', $key_id ) );
	}
}
