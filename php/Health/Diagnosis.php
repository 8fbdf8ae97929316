<?php
/**
 * The full health payload for an authenticated integration server.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Health;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Http\CredentialChannels;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Shop\LegacyApi;
use Flashnode\Connector\Shop\OrderStorage;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * Assembled from stored state only: the last readiness report (never re-run here, so no loopback or outbound
 * request happens inside the integrator's call), settings, webhooks and the key that authenticated.
 */
final class Diagnosis {

	/**
	 * The payload.
	 *
	 * @param array<string,mixed> $key     The key row that authenticated (Integrator\PresentedKey::lookup()).
	 * @param string              $via     How the key came: 'basic_auth', 'query_string' or 'oauth1' (Integrator\PresentedKey::VIA_*).
	 * @return array<string,mixed>
	 */
	public static function build( array $key, string $via ): array {
		$connection = Connections::for_key( (int) $key['key_id'] );
		$report     = Readiness::last_report();
		$settings   = Settings::all();
		$now        = time();
		$timezone   = wp_timezone();
		return array(
			'status'              => null === $report ? 'unknown' : $report['status'],
			'plugin_version'      => FLASHNODE_CONNECTOR_VERSION,
			'time_utc'            => gmdate( 'Y-m-d\TH:i:s\Z', $now ),
			'details_require_key' => true,
			'authenticated'       => true,
			'clock'               => array(
				'time_utc'           => gmdate( 'Y-m-d\TH:i:s\Z', $now ),
				'timezone'           => wp_timezone_string(),
				'utc_offset_seconds' => $timezone->getOffset( new \DateTimeImmutable( '@' . $now ) ),
				'hint'               => 'Build modified_after windows in UTC and pass dates_are_gmt=true.',
			),
			'versions'            => array(
				'plugin'      => FLASHNODE_CONNECTOR_VERSION,
				'wordpress'   => (string) get_bloginfo( 'version' ),
				'woocommerce' => (string) constant( 'WC_VERSION' ),
				'php'         => PHP_VERSION,
			),
			'order_storage'       => array(
				'hpos' => OrderStorage::hpos_enabled(),
				'sync' => OrderStorage::sync_enabled(),
			),
			// enabled: the API answers; sees_orders: it lists every order (see Shop\LegacyApi).
			'legacy_api'          => array( 'needed' => Settings::needs_legacy_api() ) + LegacyApi::facts(),
			'transfer'            => array(
				'api_mode'       => $settings['api_mode'],
				// What this key's consumer transfers: its connection's own statuses, else the shop-wide ones.
				'order_statuses' => null !== $connection && array() !== $connection['order_statuses'] ? $connection['order_statuses'] : $settings['order_statuses'],
			),
			'checks'              => null === $report ? null : array(
				'checked_at' => $report['checked_at'],
				'summary'    => array_count_values( array_column( $report['results'], 'status' ) ),
				'results'    => array_map(
					static function ( array $result ): array {
						return array(
							'id'      => $result['id'],
							'status'  => $result['status'],
							'message' => $result['message'],
						);
					},
					$report['results']
				),
			),
			'webhooks'            => WebhookRegistry::summaries(),
			'order_flow'          => self::order_flow(),
			'credentials'         => array(
				'channel' => CredentialChannels::detect(),
				'via'     => $via,
				'key'     => array(
					'key_id'          => $key['key_id'],
					'truncated_key'   => $key['truncated_key'],
					'description'     => $key['description'],
					'permissions'     => $key['permissions'],
					'last_access_utc' => ApiKeys::last_access_utc( $key['last_access'] ),
					// The connection's scopes; null for a key made by hand or a 0.4 connection (it acts as its owner).
					'scopes'          => null === $connection ? null : $connection['scopes'],
					'connection'      => null === $connection ? null : $connection['id'],
				),
			),
		);
	}

	/**
	 * The change feed's numbers (see Feed\OrderFlow): lag = changes after the newest cursor any consumer read,
	 * unacknowledged_orders = orders in the transfer statuses no consumer acknowledged within the threshold.
	 *
	 * @return array<string,mixed>|null Null while the change log is not installed.
	 */
	private static function order_flow(): ?array {
		if ( ! ChangeLogSchema::is_installed() ) {
			return null;
		}
		$flow = OrderFlow::numbers( false );
		unset( $flow['stuck_orders'] );
		return $flow;
	}
}
