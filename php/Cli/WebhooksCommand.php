<?php
/**
 * `wp flashnode webhooks list|register|delete|test`.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Cli;

use Flashnode\Connector\Http\OutboundUrl;
use Flashnode\Connector\Webhooks\Topics;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's WooCommerce webhooks, through WebhookRegistry and OutboundUrl as the webhooks route uses them.
 */
final class WebhooksCommand {

	/**
	 * Lists the plugin's webhooks: topic, status, failures in a row, last delivery (no secrets).
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table (default) or json (with the last delivery's details).
	 *
	 * @subcommand list
	 *
	 * @param string[]            $args       None.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function list_( array $args, array $assoc_args ): void {
		$format = Arguments::format( $assoc_args );
		$rows   = WebhookRegistry::summaries();
		if ( 'table' === $format ) {
			foreach ( $rows as $index => $row ) {
				$last                            = is_array( $row['last_delivery'] ) ? $row['last_delivery'] : array();
				$rows[ $index ]['last_delivery'] = array() === $last ? 'never' : sprintf( '%s HTTP %s', $last['time_utc'] ?? '', $last['response_code'] ?? '' );
			}
		}
		Arguments::print_items( $format, $rows, array( 'id', 'topic', 'status', 'failure_count', 'delivery_url', 'last_delivery' ) );
	}

	/**
	 * Registers one webhook per topic for a delivery address; prints the shared secret when it is new.
	 *
	 * ## OPTIONS
	 *
	 * [<delivery-url>]
	 * : The https:// address the integration service receives webhooks at (required).
	 *
	 * [--topics=<topics>]
	 * : Comma-separated topics (default: order.created,order.updated).
	 *
	 * [--name=<name>]
	 * : Name prefix shown in WooCommerce > Settings > Advanced > Webhooks (default: Flashnode).
	 *
	 * ## EXAMPLES
	 *
	 *     wp flashnode webhooks register https://service.example/hooks --user=admin
	 *
	 * @param string[]            $args       The delivery URL.
	 * @param array<string,mixed> $assoc_args Options.
	 */
	public function register( array $args, array $assoc_args ): void {
		$problem = OutboundUrl::problem( $args[0] ?? '' );
		if ( null !== $problem ) {
			Arguments::bad( $problem->get_error_message() );
		}
		$topics  = isset( $assoc_args['topics'] ) ? array_values( array_unique( array_filter( array_map( 'trim', explode( ',', (string) $assoc_args['topics'] ) ) ) ) ) : Topics::recommended();
		$unknown = array_diff( $topics, Topics::ids() );
		if ( array() === $topics || array() !== $unknown ) {
			Arguments::bad( sprintf( 'Unknown or no --topics (%s): use %s.', implode( ',', $unknown ), implode( ', ', Topics::ids() ) ) );
		}
		Arguments::require_shop_manager( 'WooCommerce builds each webhook\'s payload as its user.' );
		$name    = sanitize_text_field( (string) ( $assoc_args['name'] ?? 'Flashnode' ) );
		$outcome = WebhookRegistry::register( (string) $args[0], $topics, '' === $name ? 'Flashnode' : $name );
		\WP_CLI::line( sprintf( 'Created: %s. Kept: %s.', implode( ', ', $outcome['created'] ), implode( ', ', $outcome['kept'] ) ) );
		if ( null !== $outcome['secret'] ) {
			\WP_CLI::line( 'Secret: ' . $outcome['secret'] );
			\WP_CLI::warning( 'Store the secret now in the integration service: it is not shown again.' );
		}
		\WP_CLI::success( 'Webhooks registered.' );
	}

	/**
	 * Deletes one of the plugin's webhooks.
	 *
	 * ## OPTIONS
	 *
	 * [<id>]
	 * : The webhook's id (required).
	 *
	 * @param string[]            $args       The webhook id.
	 * @param array<string,mixed> $assoc_args None.
	 */
	public function delete( array $args, array $assoc_args ): void {
		$webhook = self::find( $args );
		WebhookRegistry::delete( $webhook );
		\WP_CLI::success( sprintf( 'Deleted webhook %d.', $webhook->get_id() ) );
	}

	/**
	 * Sends a signed test delivery to the webhook's address. Exit code 1 when the address does not accept it.
	 *
	 * ## OPTIONS
	 *
	 * [<id>]
	 * : The webhook's id (required).
	 *
	 * @param string[]            $args       The webhook id.
	 * @param array<string,mixed> $assoc_args None.
	 */
	public function test( array $args, array $assoc_args ): void {
		$webhook = self::find( $args );
		$result  = WebhookRegistry::test( $webhook );
		if ( is_wp_error( $result ) ) {
			Arguments::fail( $result->get_error_message() );
		}
		\WP_CLI::success( sprintf( 'Webhook %d: the test delivery was accepted.', $webhook->get_id() ) );
	}

	/**
	 * The webhook named by the first argument, or exit 2.
	 *
	 * @param string[] $args Positional arguments.
	 */
	private static function find( array $args ): \WC_Webhook {
		$webhook = WebhookRegistry::find( Arguments::id( $args, 'webhook' ) );
		if ( null === $webhook ) {
			Arguments::bad( 'No webhook of Flashnode Connector has this id (other webhooks are managed in WooCommerce > Settings > Advanced > Webhooks).' );
		}
		return $webhook;
	}
}
