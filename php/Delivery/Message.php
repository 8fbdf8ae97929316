<?php
/**
 * One delivery's request: where, which body, which headers.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Feed\OrderRepresentation;

defined( 'ABSPATH' ) || exit;

/**
 * Built when the delivery is made, from the order as it is then, so a payload is never older than its change
 * (WooCommerce builds its own when it sends too, but it may send an earlier event's after a later one; here the
 * changes of a connection go out in cursor order, and each retry rebuilds the body). The receiver learns which
 * change it is from X-Flashnode-Event-Id, the change's cursor, the same on every attempt.
 *
 * Two formats:
 * - `woocommerce`: WooCommerce's own webhook request, built by WooCommerce's WC_Webhook (build_payload() as the
 *   webhook's user, generate_signature(), its headers), so an existing receiver works unchanged;
 * - `flashnode`: {"change": <the feed's change object>, "order": <wc/v3 order, or null once deleted>}.
 * Both also carry X-Flashnode-Event-Id, X-Flashnode-Attempt and X-Flashnode-Signature (WooCommerce's algorithm:
 * base64 HMAC-SHA256 of the raw body with the webhook secret).
 */
final class Message {

	/** Seconds a receiver has to answer. */
	public const TIMEOUT = 10;

	/**
	 * The webhook topic a change goes out as: created, deleted (trash included, as WooCommerce does), or updated.
	 * An order that no longer exists goes out as deleted, whatever the change was.
	 *
	 * @param array<string,mixed> $change A feed change object.
	 * @param bool                $exists Whether the order exists now.
	 */
	public static function topic( array $change, bool $exists ): string {
		if ( ! $exists || in_array( $change['event'], array( 'trashed', 'deleted' ), true ) ) {
			return 'order.deleted';
		}
		return 'created' === $change['event'] ? 'order.created' : 'order.updated';
	}

	/**
	 * The request for one change to one of the connection's webhooks.
	 *
	 * @param array<string,mixed> $change  A feed change object (cursor, order_id, event, status, modified_gmt).
	 * @param \WC_Webhook         $webhook The webhook it goes out as (its URL, secret, topic and user).
	 * @param string              $format  One of Connections::DELIVERY_FORMATS.
	 * @param int                 $attempt 1 for the first attempt.
	 * @return array{url:string,args:array<string,mixed>}
	 */
	public static function build( array $change, \WC_Webhook $webhook, string $format, int $attempt ): array {
		$order_id = (int) $change['order_id'];
		if ( 'flashnode' === $format ) {
			$body    = (string) wp_json_encode(
				array(
					'change' => $change,
					'order'  => 'order.deleted' === $webhook->get_topic() ? null : self::order_as( $order_id, (int) $webhook->get_user_id() ),
				)
			);
			$headers = array(
				'Content-Type'       => 'application/json',
				'X-Flashnode-Topic'  => $webhook->get_topic(),
				'X-Flashnode-Source' => home_url( '/' ),
			);
			$args    = array( 'user-agent' => 'FlashnodeConnector/' . FLASHNODE_CONNECTOR_VERSION . '; ' . home_url( '/' ) );
		} else {
			$body = trim( (string) wp_json_encode( $webhook->build_payload( $order_id ) ) );
			$args = array(
				'user-agent'  => sprintf( 'WooCommerce/%s Hookshot (WordPress/%s)', WC()->version, $GLOBALS['wp_version'] ),
				'httpversion' => '1.0',
			);
			// What WooCommerce's WC_Webhook::deliver() lets other plugins add, applied to the same arguments.
			// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WooCommerce's own filter, applied as WooCommerce applies it.
			$filtered = apply_filters(
				'woocommerce_webhook_http_args',
				array_merge(
					$args,
					array(
						'body'    => $body,
						'headers' => array( 'Content-Type' => 'application/json' ),
					)
				),
				$order_id,
				$webhook->get_id()
			);
			// phpcs:enable
			$headers = is_array( $filtered ) && is_array( $filtered['headers'] ?? null ) ? $filtered['headers'] : array( 'Content-Type' => 'application/json' );
			$headers = array_merge(
				$headers,
				array(
					'X-WC-Webhook-Source'      => home_url( '/' ),
					'X-WC-Webhook-Topic'       => $webhook->get_topic(),
					'X-WC-Webhook-Resource'    => $webhook->get_resource(),
					'X-WC-Webhook-Event'       => $webhook->get_event(),
					'X-WC-Webhook-Signature'   => $webhook->generate_signature( $body ),
					'X-WC-Webhook-ID'          => (string) $webhook->get_id(),
					'X-WC-Webhook-Delivery-ID' => $webhook->get_new_delivery_id(),
				)
			);
		}
		$headers['X-Flashnode-Event-Id']  = (string) $change['cursor'];
		$headers['X-Flashnode-Attempt']   = (string) $attempt;
		$headers['X-Flashnode-Signature'] = $webhook->generate_signature( $body );
		return array(
			'url'  => (string) $webhook->get_delivery_url(),
			'args' => array_merge(
				$args,
				array(
					'method'              => 'POST',
					// Fixed whatever a filter said: a slow receiver must not hold the batch, and a redirect could
					// carry customer data to another host.
					'timeout'             => self::TIMEOUT,
					'redirection'         => 0,
					'blocking'            => true,
					'headers'             => $headers,
					'body'                => $body,
					'cookies'             => array(),
					// The answer is not used beyond its status: read a little of it, never a whole page.
					'limit_response_size' => 4096,
				)
			),
		);
	}

	/**
	 * The wc/v3 representation of an order as a user sees it (the connection's user: what its scopes allow).
	 *
	 * @param int $order_id Order id.
	 * @param int $user_id  User.
	 * @return array<string,mixed>|null
	 */
	private static function order_as( int $order_id, int $user_id ): ?array {
		$previous = get_current_user_id();
		wp_set_current_user( $user_id );
		try {
			return OrderRepresentation::for_ids( array( $order_id ) )[ $order_id ] ?? null;
		} finally {
			wp_set_current_user( $previous );
		}
	}
}
