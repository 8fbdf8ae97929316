<?php
/**
 * What support asks about the connection, from stored state only.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Support;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Status;
use Flashnode\Connector\Delivery\Workers;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * One list of facts for Site Health's Info tab and the WooCommerce status report, so both say the same. Each
 * fact is an id with a label, a plain-text value and whether it may leave the shop in a copied report. Only
 * stored state is read (no check runs, nothing is sent). No secrets: keys appear by their last 7 characters,
 * as WooCommerce shows them. The change feed's facts come from OrderFlow, as the health diagnosis shows them.
 */
final class ConnectionFacts {

	/**
	 * The facts, in the order support reads them.
	 *
	 * @return array<string,array{label:string,value:string}>
	 */
	public static function all(): array {
		$never = __( 'Never', 'flashnode-connector' );
		$calls = HealthLog::entries();
		// The same numbers as the health diagnosis (a few indexed queries; both places are admin screens).
		$flow = OrderFlow::numbers( false );
		return array(
			'version'                   => self::fact( __( 'Plugin version', 'flashnode-connector' ), FLASHNODE_CONNECTOR_VERSION ),
			'service'                   => self::fact( __( 'Connected service', 'flashnode-connector' ), self::service() ),
			'credential_channel'        => self::fact( __( 'Credential channel last seen', 'flashnode-connector' ), self::credential_channel() ),
			'last_health_call'          => self::fact( __( 'Last health call', 'flashnode-connector' ), self::call( $calls[0] ?? null ) ?? $never ),
			'last_health_call_with_key' => self::fact( __( 'Last health call with a key', 'flashnode-connector' ), self::call( self::first_authenticated( $calls ) ) ?? $never ),
			'keys'                      => self::fact( __( 'API keys', 'flashnode-connector' ), self::keys() ),
			'webhooks'                  => self::fact( __( 'Webhooks', 'flashnode-connector' ), self::webhooks() ),
			'transfer'                  => self::fact( __( 'Transfer settings', 'flashnode-connector' ), self::transfer() ),
			'feed_last_read'            => self::fact( __( 'Last change feed read', 'flashnode-connector' ), self::last_read( $flow['last_read'] ) ?? $never ),
			'feed_lag'                  => self::fact( __( 'Change feed lag', 'flashnode-connector' ), self::lag( $flow['lag'] ) ),
			'unacknowledged_orders'     => self::fact( __( 'Unacknowledged orders', 'flashnode-connector' ), self::unacknowledged( (int) $flow['unacknowledged_orders'], (int) $flow['threshold_minutes'] ) ),
			'deliveries'                => self::fact( __( 'Order deliveries', 'flashnode-connector' ), self::deliveries() ),
		);
	}

	/**
	 * Each connection the plugin pushes order changes to: what is waiting, and since when.
	 */
	private static function deliveries(): string {
		$lines = array();
		foreach ( Status::all() as $status ) {
			$lines[] = sprintf(
				/* translators: 1: service name, 2: delivery format, 3: number of changes, 4: date and time (UTC) or "none", 5: consecutive failures. */
				__( '%1$s (%2$s): %3$d changes waiting, oldest %4$s, %5$d failed attempts in a row', 'flashnode-connector' ),
				$status['service_name'],
				$status['format'],
				$status['undelivered'],
				$status['oldest_undelivered_at'] ?? __( 'none', 'flashnode-connector' ),
				$status['failures']
			) . ( $status['failing'] ? ' — ' . __( 'failing for more than 7 days, still retried', 'flashnode-connector' ) : '' );
		}
		if ( array() === $lines ) {
			return __( 'None: no connected service receives deliveries from the plugin.', 'flashnode-connector' );
		}
		if ( Workers::loopbacks_blocked() ) {
			$lines[] = __( 'loopback requests to admin-ajax.php do not arrive, so the services\' batches run one after the other: a slow receiver delays the others', 'flashnode-connector' );
		}
		return implode( '; ', $lines );
	}

	/**
	 * A fact.
	 *
	 * @param string $label Label.
	 * @param string $value Value.
	 * @return array{label:string,value:string}
	 */
	private static function fact( string $label, string $value ): array {
		return array(
			'label' => $label,
			'value' => $value,
		);
	}

	/**
	 * The service the shop connected to through the plugin.
	 */
	private static function service(): string {
		$services = array();
		foreach ( Connections::all() as $connection ) {
			$services[] = sprintf(
				/* translators: 1: name of the service, 2: host name of the service, 3: date and time (UTC), 4: its scopes, e.g. orders:read, orders:write. */
				__( '%1$s (%2$s), since %3$s, scopes: %4$s', 'flashnode-connector' ),
				$connection['service_name'],
				$connection['service_host'],
				$connection['connected_at_utc'],
				null === $connection['scopes'] ? __( 'all of the approving administrator\'s rights (broader than needed)', 'flashnode-connector' ) : implode( ', ', $connection['scopes'] )
			);
		}
		return array() === $services ? __( 'Not connected through the plugin', 'flashnode-connector' ) : implode( '; ', $services );
	}

	/**
	 * The channel the Authorization header reached PHP through, as the last readiness run saw it.
	 */
	private static function credential_channel(): string {
		$report = Readiness::last_report();
		$result = null === $report ? null : CheckedReport::result( $report, 'authorization_header' );
		$seen   = (string) ( $result['details']['credential_channel'] ?? '' );
		if ( null === $report || '' === $seen ) {
			return __( 'Not seen yet (run the readiness checks)', 'flashnode-connector' );
		}
		/* translators: 1: server variable or "none", 2: date and time (UTC). */
		return sprintf( __( '%1$s (checked %2$s)', 'flashnode-connector' ), $seen, (string) $report['checked_at'] );
	}

	/**
	 * The first logged call with a valid key.
	 *
	 * @param array<int,array<string,mixed>> $calls The health log, newest first.
	 * @return array<string,mixed>|null
	 */
	private static function first_authenticated( array $calls ): ?array {
		foreach ( $calls as $call ) {
			if ( ! empty( $call['authenticated'] ) ) {
				return $call;
			}
		}
		return null;
	}

	/**
	 * A logged health call: when, answer, outcome.
	 *
	 * @param array<string,mixed>|null $call A health log entry.
	 */
	private static function call( ?array $call ): ?string {
		if ( null === $call ) {
			return null;
		}
		/* translators: 1: date and time (UTC), 2: HTTP status, 3: "ok" or an error code. */
		return sprintf( __( '%1$s, HTTP %2$d, %3$s', 'flashnode-connector' ), (string) ( $call['time'] ?? '' ), (int) ( $call['status'] ?? 0 ), (string) ( $call['outcome'] ?? '' ) );
	}

	/**
	 * The plugin's keys: truncated key, permissions, problem, last access.
	 */
	private static function keys(): string {
		$lines = array();
		foreach ( ApiKeys::all() as $key ) {
			/* translators: 1: last 7 characters of the consumer key, 2: read, write or read_write, 3: ok or a problem, 4: last access (UTC) or "never". */
			$lines[] = sprintf( __( '…%1$s %2$s %3$s, last access %4$s', 'flashnode-connector' ), $key['truncated_key'], $key['permissions'], $key['problem'] ?? 'ok', $key['last_access_utc'] ?? __( 'never', 'flashnode-connector' ) );
		}
		return array() === $lines ? __( 'None', 'flashnode-connector' ) : implode( ', ', $lines );
	}

	/**
	 * The plugin's webhooks: topic, status, failures.
	 */
	private static function webhooks(): string {
		$lines = array();
		foreach ( WebhookRegistry::summaries() as $webhook ) {
			/* translators: 1: webhook id, 2: topic, 3: WooCommerce's status label (Active, Paused or Disabled), 4: number of failed deliveries in a row. */
			$lines[] = sprintf( _n( '#%1$d %2$s %3$s, %4$d failure', '#%1$d %2$s %3$s, %4$d failures', $webhook['failure_count'], 'flashnode-connector' ), $webhook['id'], $webhook['topic'], wc_get_webhook_statuses()[ $webhook['status'] ] ?? $webhook['status'], $webhook['failure_count'] );
		}
		return array() === $lines ? __( 'None', 'flashnode-connector' ) : implode( ', ', $lines );
	}

	/**
	 * How orders are transferred.
	 */
	private static function transfer(): string {
		$settings = Settings::all();
		/* translators: 1: legacy or rest_v3, 2: order statuses, e.g. "processing". */
		return sprintf( __( 'API %1$s; order statuses: %2$s', 'flashnode-connector' ), $settings['api_mode'], implode( ' ', $settings['order_statuses'] ) );
	}

	/**
	 * The newest feed read of any consumer: when, by which key, up to which cursor.
	 *
	 * @param mixed $read OrderFlow's last_read.
	 */
	private static function last_read( $read ): ?string {
		if ( ! is_array( $read ) ) {
			return null;
		}
		/* translators: 1: date and time (UTC), 2: consumer name (the API key's description), 3: API key id, 4: cursor. */
		return sprintf( __( '%1$s by %2$s (key #%3$d), up to cursor %4$d', 'flashnode-connector' ), (string) $read['at_gmt'], (string) $read['consumer'], (int) $read['key_id'], (int) $read['cursor'] );
	}

	/**
	 * Changes after the newest cursor any consumer has read.
	 *
	 * @param mixed $lag OrderFlow's lag: a count, or null before the first read.
	 */
	private static function lag( $lag ): string {
		if ( null === $lag ) {
			return __( 'No service has read the feed yet', 'flashnode-connector' );
		}
		/* translators: %d: number of changes. */
		return sprintf( _n( '%d change not read yet', '%d changes not read yet', (int) $lag, 'flashnode-connector' ), (int) $lag );
	}

	/**
	 * Orders in the transfer statuses that no consumer acknowledged within the threshold.
	 *
	 * @param int $count   Stuck orders.
	 * @param int $minutes Threshold.
	 */
	private static function unacknowledged( int $count, int $minutes ): string {
		/* translators: 1: number of orders, 2: minutes. */
		return sprintf( _n( '%1$d order in a transfer status, unchanged and unacknowledged for over %2$d minutes', '%1$d orders in a transfer status, unchanged and unacknowledged for over %2$d minutes', $count, 'flashnode-connector' ), $count, $minutes );
	}
}
