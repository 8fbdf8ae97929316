<?php
/**
 * Registers `wp flashnode …` with WP-CLI.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

defined( 'ABSPATH' ) || exit;

/**
 * Called only when WP-CLI runs (see Plugin::register()), so no other request loads the commands. Each command
 * is a thin layer over the classes the REST routes use; exit codes: 0 done (and every check passes), 1 a check
 * fails or an action failed, 2 bad arguments (Arguments::bad()).
 */
final class Commands {

	/**
	 * Adds the commands.
	 */
	public static function register(): void {
		\WP_CLI::add_command( 'flashnode', FlashnodeCommand::class );
		\WP_CLI::add_command( 'flashnode changes', ChangesCommand::class );
		\WP_CLI::add_command( 'flashnode connections', ConnectionsCommand::class );
		\WP_CLI::add_command( 'flashnode deliveries', DeliveriesCommand::class );
		\WP_CLI::add_command( 'flashnode resend', ResendCommand::class );
		\WP_CLI::add_command( 'flashnode keys', KeysCommand::class );
		\WP_CLI::add_command( 'flashnode webhooks', WebhooksCommand::class );
	}
}
