<?php
/**
 * The last delivery of each of the plugin's webhooks, and the ones WooCommerce disabled.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Storage only: written by DeliveryMonitor (WooCommerce's delivery actions) and WebhookRegistry (test deliveries,
 * re-enabling, deleting), read by both. It knows neither, so the dependencies run one way.
 */
final class DeliveryLog {

	/** Last delivery per webhook id (not autoloaded: written by deliveries, read by the page and health). */
	public const DELIVERIES_OPTION = 'flashnode_connector_webhook_deliveries';

	/** Webhooks WooCommerce disabled after failures, id => time. Autoloaded: read on every admin page, tiny. */
	public const ALERTS_OPTION = 'flashnode_connector_webhook_alerts';

	/**
	 * Stores a webhook's last delivery or test.
	 *
	 * @param int         $webhook_id    Webhook id.
	 * @param string      $kind          'delivery' or 'test'.
	 * @param int         $response_code The receiver's HTTP status, 0 when none.
	 * @param bool        $ok            Whether it counts as delivered.
	 * @param string      $error         The HTTP client's or the test's message, '' when none.
	 * @param float|mixed $duration      Seconds.
	 */
	public static function record( int $webhook_id, string $kind, int $response_code, bool $ok, string $error, $duration ): void {
		$deliveries                = self::last_deliveries();
		$deliveries[ $webhook_id ] = array(
			'time_utc'      => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'kind'          => $kind,
			'response_code' => $response_code,
			'ok'            => $ok,
			'error'         => $error,
			'duration_ms'   => (int) round( (float) $duration * 1000 ),
		);
		update_option( self::DELIVERIES_OPTION, $deliveries, false );
	}

	/**
	 * Last delivery or test per webhook id.
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public static function last_deliveries(): array {
		$deliveries = get_option( self::DELIVERIES_OPTION, array() );
		return is_array( $deliveries ) ? array_filter( $deliveries, 'is_array' ) : array();
	}

	/**
	 * Remembers that WooCommerce disabled a webhook after failures.
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function raise_alert( int $webhook_id ): void {
		$alerts                = self::alerts();
		$alerts[ $webhook_id ] = time();
		update_option( self::ALERTS_OPTION, $alerts, true );
	}

	/**
	 * Whether WooCommerce disabled this webhook after failures (and nobody re-enabled it since).
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function has_alert( int $webhook_id ): bool {
		return isset( self::alerts()[ $webhook_id ] );
	}

	/**
	 * Disabled webhooks, id => time.
	 *
	 * @return array<int,int>
	 */
	public static function alerts(): array {
		$alerts = get_option( self::ALERTS_OPTION, array() );
		return is_array( $alerts ) ? array_map( 'intval', $alerts ) : array();
	}

	/**
	 * Clears the alert of a re-enabled webhook.
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function forget_alert( int $webhook_id ): void {
		$alerts = self::alerts();
		if ( isset( $alerts[ $webhook_id ] ) ) {
			unset( $alerts[ $webhook_id ] );
			if ( array() === $alerts ) {
				delete_option( self::ALERTS_OPTION );
			} else {
				update_option( self::ALERTS_OPTION, $alerts, true );
			}
		}
	}

	/**
	 * Forgets everything about a deleted webhook.
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function forget( int $webhook_id ): void {
		self::forget_alert( $webhook_id );
		$deliveries = self::last_deliveries();
		if ( isset( $deliveries[ $webhook_id ] ) ) {
			unset( $deliveries[ $webhook_id ] );
			update_option( self::DELIVERIES_OPTION, $deliveries, false );
		}
	}
}
