<?php
/**
 * A last check of the destination right before WooCommerce delivers one of the plugin's webhooks.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

use Flashnode\Connector\Http\OutboundUrl;

defined( 'ABSPATH' ) || exit;

/**
 * The delivery URL passed OutboundUrl when the webhook was registered, but deliveries come later: by then its
 * host may resolve elsewhere (a DNS change), or the URL may have been edited in WooCommerce's own webhook screen.
 * WooCommerce sends through wp_safe_remote_request(), which refuses private ranges but not, for example,
 * link-local cloud metadata addresses (169.254.169.254). So every delivery of the plugin's webhooks checks the
 * URL again, and one that fails is not sent: WooCommerce records a failed delivery with the reason. Pings go
 * through the same filter on recent WooCommerce only (7.8 sends them without it); the plugin's own "Send test"
 * checks the URL itself (TestDelivery::send()).
 */
final class DeliveryGuard {

	/**
	 * Hooked to woocommerce_webhook_http_args, the last filter before WooCommerce sends a delivery or a ping.
	 *
	 * @param array<string,mixed>|mixed $http_args  Request arguments (unchanged).
	 * @param mixed                     $arg        Resource id (null for a ping).
	 * @param int|mixed                 $webhook_id Webhook id.
	 * @return array<string,mixed>|mixed
	 */
	public static function check_destination( $http_args, $arg, $webhook_id ) {
		$webhook_id = (int) $webhook_id;
		if ( ! in_array( $webhook_id, WebhookRegistry::ids(), true ) ) {
			return $http_args;
		}
		$webhook = wc_get_webhook( $webhook_id );
		if ( ! $webhook ) {
			return $http_args;
		}
		$url     = $webhook->get_delivery_url();
		$problem = OutboundUrl::problem( $url );
		if ( null !== $problem ) {
			self::refuse_next_request_to( $url, $problem );
		}
		return $http_args;
	}

	/**
	 * Answers WordPress's next HTTP request to `$url` with `$problem` instead of sending it. Filters cannot
	 * cancel a webhook delivery, but pre_http_request can stand in for the request itself.
	 *
	 * @param string    $url     The delivery URL.
	 * @param \WP_Error $problem Why it must not be sent.
	 */
	private static function refuse_next_request_to( string $url, \WP_Error $problem ): void {
		$refuse = static function ( $response, $args, $request_url ) use ( $url, $problem, &$refuse ) {
			if ( $request_url !== $url ) {
				return $response;
			}
			remove_filter( 'pre_http_request', $refuse, 1 );
			return new \WP_Error( 'flashnode_delivery_refused', $problem->get_error_message() );
		};
		add_filter( 'pre_http_request', $refuse, 1, 3 );
	}
}
