<?php
/**
 * The values WP-CLI's synopsis parsing leaves to the commands.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

defined( 'ABSPATH' ) || exit;

/**
 * WP-CLI parses the arguments from each command's synopsis (and exits 1 on a malformed call). Values only the
 * plugin can judge (a check or fix id, a key id, a format) are checked here and refused with exit code 2, so a
 * script tells "you called it wrong" (2) from "the shop has a problem" (1).
 */
final class Arguments {

	/** Exit code for bad arguments. */
	public const BAD = 2;

	/** Exit code when a check fails or an action did not work. */
	public const FAILED = 1;

	/**
	 * Stops with exit code 2.
	 *
	 * @param string $message What was wrong with the call.
	 * @return void
	 * @phpstan-return never
	 * @throws \LogicException Never: WP_CLI::error() exits first.
	 */
	public static function bad( string $message ) {
		self::stop( $message, self::BAD );
	}

	/**
	 * Stops with exit code 1: a check fails or an action did not work.
	 *
	 * @param string $message What failed.
	 * @return void
	 * @phpstan-return never
	 * @throws \LogicException Never: WP_CLI::error() exits first.
	 */
	public static function fail( string $message ) {
		self::stop( $message, self::FAILED );
	}

	/**
	 * Prints the error and exits with the code.
	 *
	 * @param string $message Message.
	 * @param int    $code    Exit code.
	 * @return void
	 * @phpstan-return never
	 * @throws \LogicException Never: WP_CLI::error() exits first.
	 */
	private static function stop( string $message, int $code ) {
		\WP_CLI::error( $message, $code );
		throw new \LogicException( 'WP_CLI::error() exits.' ); // Not reached; tells static analysis so.
	}

	/**
	 * The --format value: table (default), json, or another format the command offers.
	 *
	 * @param array<string,mixed> $assoc_args Options.
	 * @param string[]            $formats    Formats the command offers, the default first.
	 */
	public static function format( array $assoc_args, array $formats = array( 'table', 'json' ) ): string {
		$format = (string) ( $assoc_args['format'] ?? $formats[0] );
		if ( ! in_array( $format, $formats, true ) ) {
			$last = (string) array_pop( $formats );
			self::bad( sprintf( 'Unknown --format "%s": use %s or %s.', $format, implode( ', ', $formats ), $last ) );
		}
		return $format;
	}

	/**
	 * The first positional argument as a positive id.
	 *
	 * @param string[] $args Positional arguments.
	 * @param string   $what What the id names, for the message.
	 */
	public static function id( array $args, string $what ): int {
		$id = (string) ( $args[0] ?? '' );
		if ( ! preg_match( '/^[1-9][0-9]{0,18}$/', $id ) ) {
			self::bad( sprintf( 'Give the %s\'s id (a positive number).', $what ) );
		}
		return (int) $id;
	}

	/**
	 * Stops with exit code 2 unless the current user (WP-CLI's --user) can manage WooCommerce.
	 *
	 * @param string $why What the user is needed for.
	 */
	public static function require_shop_manager( string $why ): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			self::bad( sprintf( 'Run this with --user=<login of a shop manager or administrator>: %s', $why ) );
		}
	}

	/**
	 * Prints items as a table or JSON (WP-CLI's own formatter).
	 *
	 * @param string                         $format table or json.
	 * @param array<int,array<string,mixed>> $items  Rows.
	 * @param string[]                       $fields Columns of the table (JSON gets them all).
	 */
	public static function print_items( string $format, array $items, array $fields ): void {
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $items, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		\WP_CLI\Utils\format_items( 'table', $items, $fields );
	}
}
