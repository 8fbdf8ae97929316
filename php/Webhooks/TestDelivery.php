<?php
/**
 * The page's "Send test": a signed sample delivery.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

use Flashnode\Connector\Http\OutboundUrl;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's own ping (WC_Webhook::deliver_ping()) posts an unsigned form body "webhook_id=N", which a
 * receiver that verifies X-WC-Webhook-Signature (as it should) rejects although real deliveries pass. So the
 * test sends what a real delivery sends, the way WC_Webhook::deliver() builds it (WooCommerce 7.8 to 10.x):
 * the payload of the shop's newest order (newest product for product topics), built by WooCommerce for the
 * webhook's topic and API version, JSON, signed, with WooCommerce's headers, plus one header that marks it
 * as a test. A shop without such a resource yet gets a small sample body, signed the same way.
 */
final class TestDelivery {

	/** Marks the request as a test, so a receiver can accept it without acting on the order. */
	public const MARKER_HEADER = 'X-Flashnode-Test';

	/** The shop manager waits for the answer in the page: much less than WooCommerce's minute for deliveries. */
	private const TIMEOUT_SECONDS = 20;

	/**
	 * Sends the test delivery.
	 *
	 * @param \WC_Webhook $webhook One of the plugin's webhooks.
	 * @return array{result:true|\WP_Error,response_code:int}
	 */
	public static function send( \WC_Webhook $webhook ): array {
		$url = (string) $webhook->get_delivery_url();
		// Older WooCommerce (7.8, for one) has no filter for DeliveryGuard before pings: check here in any case.
		$problem = OutboundUrl::problem( $url );
		if ( null !== $problem ) {
			return self::outcome( $problem, 0 );
		}
		$resource_id = self::newest_resource_id( (string) $webhook->get_resource() );
		try {
			$payload = null === $resource_id ? self::sample( $webhook ) : $webhook->build_payload( $resource_id );
		} catch ( \Exception $e ) {
			// Only a webhook set to the Legacy REST API without that plugin, which real deliveries fail on too.
			return self::outcome( new \WP_Error( 'flashnode_test_payload_failed', $e->getMessage() ), 0 );
		}
		$http_args = array(
			'method'      => 'POST',
			'timeout'     => self::TIMEOUT_SECONDS,
			'redirection' => 0,
			'httpversion' => '1.0',
			'blocking'    => true,
			'user-agent'  => sprintf( 'WooCommerce/%s Hookshot (WordPress/%s)', defined( 'WC_VERSION' ) ? WC_VERSION : '', get_bloginfo( 'version' ) ),
			'body'        => trim( (string) wp_json_encode( $payload ) ),
			'headers'     => array( 'Content-Type' => 'application/json' ),
			'cookies'     => array(),
		);
		// The same filter as real deliveries, so headers other plugins add for the receiver are there too (and
		// DeliveryGuard has its say). WooCommerce passes the resource id, null for a ping.
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WooCommerce's hook.
		$http_args                = (array) apply_filters( 'woocommerce_webhook_http_args', $http_args, $resource_id, $webhook->get_id() );
		$http_args['redirection'] = 0; // The body carries a customer's order: never follow it elsewhere.
		$http_args['timeout']     = self::TIMEOUT_SECONDS;
		$http_args['headers']     = array_merge( (array) ( $http_args['headers'] ?? array() ), self::headers( $webhook, (string) $http_args['body'] ) );

		$response = wp_safe_remote_post( $url, $http_args );
		if ( is_wp_error( $response ) ) {
			/* translators: %s: the HTTP client's error message. */
			return self::outcome( new \WP_Error( 'flashnode_test_unreachable', sprintf( __( 'The delivery address could not be reached: %s', 'flashnode-connector' ), $response->get_error_message() ) ), 0 );
		}
		$code = (int) wp_remote_retrieve_response_code( $response );
		if ( $code < 200 || $code > 299 ) {
			return self::outcome(
				/* translators: %d: HTTP status code. */
				new \WP_Error( 'flashnode_test_refused', sprintf( __( 'The receiver answered the signed test delivery with HTTP %d instead of 2xx. Check that it uses the secret shown when the webhooks were registered.', 'flashnode-connector' ), $code ) ),
				$code
			);
		}
		// As deliver_ping() does: WooCommerce pings a webhook still "pending" again whenever it is saved in its screen.
		$webhook->set_pending_delivery( false );
		$webhook->save();
		return self::outcome( true, $code );
	}

	/**
	 * WooCommerce's delivery headers (set after the filter, as WC_Webhook::deliver() does) and the test marker.
	 *
	 * @param \WC_Webhook $webhook The webhook.
	 * @param string      $body    The exact body: the signature covers these bytes.
	 * @return array<string,string>
	 */
	private static function headers( \WC_Webhook $webhook, string $body ): array {
		return array(
			'X-WC-Webhook-Source'      => home_url( '/' ),
			'X-WC-Webhook-Topic'       => (string) $webhook->get_topic(),
			'X-WC-Webhook-Resource'    => (string) $webhook->get_resource(),
			'X-WC-Webhook-Event'       => (string) $webhook->get_event(),
			'X-WC-Webhook-Signature'   => (string) $webhook->generate_signature( $body ),
			'X-WC-Webhook-ID'          => (string) $webhook->get_id(),
			'X-WC-Webhook-Delivery-ID' => (string) $webhook->get_new_delivery_id(),
			self::MARKER_HEADER        => '1',
		);
	}

	/**
	 * Id of the shop's newest order or product (by id: the last one created), or null when there is none or the
	 * topic is about something else.
	 *
	 * @param string $resource The webhook's resource, e.g. "order".
	 */
	private static function newest_resource_id( string $resource ): ?int {
		$query = array(
			'limit'   => 1,
			'orderby' => 'ID',
			'order'   => 'DESC',
			'return'  => 'ids',
		);
		if ( 'order' === $resource ) {
			$ids = wc_get_orders( array_merge( $query, array( 'type' => 'shop_order' ) ) );
		} elseif ( 'product' === $resource ) {
			$ids = wc_get_products( $query );
		} else {
			return null;
		}
		return is_array( $ids ) && array() !== $ids ? (int) reset( $ids ) : null;
	}

	/**
	 * The body sent when the shop has nothing to show yet: clearly not an order.
	 *
	 * @param \WC_Webhook $webhook The webhook.
	 * @return array<string,mixed>
	 */
	private static function sample( \WC_Webhook $webhook ): array {
		return array(
			'flashnode_test' => 'sample',
			'webhook_id'     => (int) $webhook->get_id(),
			'topic'          => (string) $webhook->get_topic(),
			'message'        => 'Test delivery from Flashnode Connector. The shop has nothing of this kind yet, so this sample stands in for a real payload.',
		);
	}

	/**
	 * The result and the receiver's status code.
	 *
	 * @param true|\WP_Error $result        Result.
	 * @param int            $response_code 0 when nothing was answered.
	 * @return array{result:true|\WP_Error,response_code:int}
	 */
	private static function outcome( $result, int $response_code ): array {
		return array(
			'result'        => $result,
			'response_code' => $response_code,
		);
	}
}
