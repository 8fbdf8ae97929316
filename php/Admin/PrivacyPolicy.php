<?php
/**
 * The text the plugin suggests for the shop's privacy policy (Settings > Privacy).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Connection\Connections;

defined( 'ABSPATH' ) || exit;

/**
 * Shops in the EU must say to whom they pass customers' data. The suggestion names each connected service and
 * what it receives, from the connection records, so it changes as services are connected and disconnected
 * (WordPress then tells the owner that the suggested text changed).
 */
final class PrivacyPolicy {

	/**
	 * Hooks the suggestion (WordPress collects them on admin_init).
	 */
	public function register(): void {
		add_action( 'admin_init', array( $this, 'suggest' ) );
	}

	/**
	 * Adds the suggestion.
	 */
	public function suggest(): void {
		if ( function_exists( 'wp_add_privacy_policy_content' ) ) {
			wp_add_privacy_policy_content( __( 'Flashnode Connector', 'flashnode-connector' ), self::text() );
		}
	}

	/**
	 * The suggested text (HTML), one paragraph per connected service.
	 */
	public static function text(): string {
		$words = array(
			'orders:read'    => __( 'orders, with the customer\'s name, billing and shipping addresses, e-mail address, phone number, the products bought and the payment method', 'flashnode-connector' ),
			'products:read'  => __( 'products, prices and stock levels', 'flashnode-connector' ),
			'customers:read' => __( 'customer accounts with names and e-mail addresses', 'flashnode-connector' ),
		);
		$text  = '<p>' . esc_html__( 'This shop passes orders to the back-office services below (for example accounting, invoicing or fulfilment), which process them on the shop\'s behalf.', 'flashnode-connector' ) . '</p>';
		$all   = Connections::all();
		if ( array() === $all ) {
			return $text . '<p>' . esc_html__( 'No service is connected at the moment.', 'flashnode-connector' ) . '</p>';
		}
		foreach ( $all as $connection ) {
			// A 0.4 connection acts as the administrator who approved it: it can read all of the above.
			$scopes   = null === $connection['scopes'] ? array_keys( $words ) : $connection['scopes'];
			$receives = array_values( array_intersect_key( $words, array_flip( $scopes ) ) );
			$text    .= '<p>' . esc_html(
				sprintf(
					/* translators: 1: name of the service, 2: its host name, 3: what it receives, e.g. "orders, with …; products, prices and stock levels". */
					__( '%1$s (%2$s) receives: %3$s.', 'flashnode-connector' ),
					$connection['service_name'],
					$connection['service_host'],
					implode( '; ', $receives )
				)
			) . '</p>';
		}
		return $text;
	}
}
