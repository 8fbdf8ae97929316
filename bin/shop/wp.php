<?php
/**
 * A tiny WordPress command line for the local shop (there is no WP-CLI here).
 *
 * Usage: php bin/shop/wp.php <command> [args]
 *
 *   activate-plugin <plugin-file>...      e.g. woocommerce/woocommerce.php
 *   deactivate-plugin <plugin-file>...
 *   delete-plugin <plugin-file>           deactivate + delete (runs uninstall)
 *   plugin-status <plugin-file>           prints active | inactive | missing
 *   install-plugin-zip <zip> [--activate] as wp-admin's "Upload Plugin"; prints the plugin file
 *   option-get <name>                     strings as-is, other values as JSON; exit 1 if unset
 *   option-set <name> <value>             value is JSON-decoded when it is valid JSON
 *   option-delete <name>
 *   eval-file <php-file> [args...]        include a file with WordPress loaded ($args holds args)
 *   run-cron                              run due WP-Cron events and Action Scheduler actions now
 *   create-order <status>                 prints the new order id
 *   info                                  versions, site URL, storage, active plugins (JSON)
 *
 * WordPress is loaded from FLASHNODE_WP_DIR (default FLASHNODE_SHOP_DIR/wordpress, else <repo>/.shop/wordpress)
 * and the command runs as the user "admin". Exit code 0 on success; on error
 * a message on stderr and a non-zero exit code.
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.Security.EscapeOutput, WordPress.WP.AlternativeFunctions

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

const SHOP_USAGE = 'usage: php bin/shop/wp.php <activate-plugin|deactivate-plugin|delete-plugin|plugin-status|install-plugin-zip|option-get|option-set|option-delete|eval-file|run-cron|create-order|info> [args]';

$shop_command = $argv[1] ?? '';
$shop_args    = array_slice( $argv, 2 );
if ( '' === $shop_command || in_array( $shop_command, array( '-h', '--help', 'help' ), true ) ) {
	fwrite( STDERR, SHOP_USAGE . PHP_EOL );
	exit( '' === $shop_command ? 1 : 0 );
}

// Loads WordPress in global scope (required by wp-config.php/wp-settings.php).
require __DIR__ . '/lib/bootstrap.php';
require_once __DIR__ . '/lib/plugins.php';

// Files this (root) process creates must stay writable for Apache. A
// shutdown function also runs after exit() and fatal errors; cheap when
// nothing changed.
register_shutdown_function( 'shop_fix_ownership' );

// eval-file runs at the top level, so the included file sees WordPress's
// globals the way a plugin file does.
if ( 'eval-file' === $shop_command ) {
	$shop_file = $shop_args[0] ?? '';
	if ( '' === $shop_file || ! is_file( $shop_file ) ) {
		shop_fail( 'eval-file needs an existing PHP file' );
	}
	$args = array_slice( $shop_args, 1 );
	require $shop_file;
	exit( 0 );
}

shop_run_command( $shop_command, $shop_args );
exit( 0 );

/**
 * Run one command.
 *
 * @param string   $command Command name.
 * @param string[] $args    Arguments after the command.
 */
function shop_run_command( string $command, array $args ): void {
	switch ( $command ) {
		case 'activate-plugin':
			foreach ( shop_need_args( $args, 1, 'plugin file' ) as $plugin ) {
				shop_out( shop_activate_plugin( $plugin ) ? "activated $plugin" : "$plugin is already active" );
			}
			return;

		case 'deactivate-plugin':
			foreach ( shop_need_args( $args, 1, 'plugin file' ) as $plugin ) {
				if ( 'missing' === shop_plugin_status( $plugin ) ) {
					shop_fail( "plugin $plugin is not installed" );
				}
				deactivate_plugins( $plugin, false, false );
				shop_out( "deactivated $plugin" );
			}
			return;

		case 'delete-plugin':
			$plugin = shop_need_args( $args, 1, 'plugin file' )[0];
			shop_delete_plugin( $plugin );
			shop_out( "deleted $plugin" );
			return;

		case 'plugin-status':
			shop_out( shop_plugin_status( shop_need_args( $args, 1, 'plugin file' )[0] ) );
			return;

		case 'install-plugin-zip':
			$zip    = shop_need_args( $args, 1, 'zip file' )[0];
			$plugin = shop_install_plugin_zip( $zip );
			if ( in_array( '--activate', $args, true ) ) {
				shop_activate_plugin( $plugin );
			}
			shop_out( $plugin );
			return;

		case 'option-get':
			$name    = shop_need_args( $args, 1, 'option name' )[0];
			$missing = new stdClass();
			$value   = get_option( $name, $missing );
			if ( $value === $missing ) {
				shop_fail( "option '$name' is not set" );
			}
			shop_out( is_bool( $value ) || null === $value ? wp_json_encode( $value ) : $value );
			return;

		case 'option-set':
			list( $name, $raw ) = shop_need_args( $args, 2, 'option name and value' );
			$value              = json_decode( $raw, true );
			if ( JSON_ERROR_NONE !== json_last_error() ) {
				$value = $raw;
			}
			update_option( $name, $value );
			shop_out( "set $name" );
			return;

		case 'option-delete':
			$name = shop_need_args( $args, 1, 'option name' )[0];
			shop_out( delete_option( $name ) ? "deleted $name" : "$name was not set" );
			return;

		case 'run-cron':
			shop_out( shop_run_cron() );
			return;

		case 'create-order':
			require_once __DIR__ . '/lib/woocommerce.php';
			shop_require_woocommerce();
			$status = shop_need_args( $args, 1, 'order status' )[0];
			shop_out( shop_create_order( $status, wp_rand( 0, 99 ) )->get_id() );
			return;

		case 'info':
			shop_out( shop_info() );
			return;

		default:
			shop_fail( "unknown command '$command'\n" . SHOP_USAGE );
	}
}

/**
 * Return the arguments, or stop when fewer than $count were given.
 *
 * @param string[] $args  Arguments.
 * @param int      $count Minimum number.
 * @param string   $what  What they are, for the message.
 * @return string[]
 */
function shop_need_args( array $args, int $count, string $what ): array {
	$args = array_values( array_filter( $args, fn( $arg ) => '--activate' !== $arg ) );
	if ( count( $args ) < $count ) {
		shop_fail( "missing $what\n" . SHOP_USAGE );
	}
	return $args;
}

/**
 * Run what is due now, in this process: WP-Cron events, then Action
 * Scheduler's queue (webhook deliveries and other WooCommerce jobs) until it
 * has nothing due left. Tests call this instead of waiting for a visitor.
 *
 * @return array Counts of what ran.
 */
function shop_run_cron(): array {
	$events = 0;
	foreach ( wp_get_ready_cron_jobs() as $timestamp => $hooks ) {
		foreach ( $hooks as $hook => $instances ) {
			foreach ( $instances as $event ) {
				// Same bookkeeping as wp-cron.php: reschedule, unschedule, run.
				if ( $event['schedule'] ) {
					wp_reschedule_event( $timestamp, $event['schedule'], $hook, $event['args'] );
				}
				wp_unschedule_event( $timestamp, $hook, $event['args'] );
				do_action_ref_array( $hook, $event['args'] );
				++$events;
			}
		}
	}

	$actions = 0;
	if ( class_exists( 'ActionScheduler_QueueRunner' ) ) {
		// Each run() handles batches until its time limit; stop once a run
		// finds nothing (or after a sane number of rounds).
		for ( $round = 0; $round < 20; $round++ ) {
			$done = ActionScheduler_QueueRunner::instance()->run( 'Flashnode shop CLI' );
			if ( ! $done ) {
				break;
			}
			$actions += $done;
		}
	}
	return array(
		'cronEvents'             => $events,
		'actionSchedulerActions' => $actions,
		'actionsStillDue'        => shop_due_actions(),
	);
}

/**
 * Number of Action Scheduler actions that are due but not run yet.
 */
function shop_due_actions(): int {
	if ( ! function_exists( 'as_get_scheduled_actions' ) ) {
		return 0;
	}
	$due = as_get_scheduled_actions(
		array(
			'status'       => ActionScheduler_Store::STATUS_PENDING,
			'date'         => gmdate( 'Y-m-d H:i:s' ),
			'date_compare' => '<=',
			'per_page'     => -1,
		),
		'ids'
	);
	return count( $due );
}

/**
 * Facts about the shop, as JSON-friendly array.
 */
function shop_info(): array {
	$info = array(
		'url'           => home_url(),
		'wpVersion'     => get_bloginfo( 'version' ),
		'wcVersion'     => class_exists( 'WooCommerce' ) ? WC()->version : null,
		'hpos'          => null,
		'activePlugins' => array_values( (array) get_option( 'active_plugins', array() ) ),
		'theme'         => get_stylesheet(),
	);
	if ( class_exists( 'Automattic\WooCommerce\Utilities\OrderUtil' ) ) {
		$info['hpos'] = Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
	}
	return $info;
}
