<?php
/**
 * Late deliveries: an admin notice, a Site Health critical result and one e-mail per incident.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * A connection is late while its oldest undelivered change is older than RetrySchedule::late_after() (15
 * minutes). The tick keeps the set of late connections in one small autoloaded option, written only when the set
 * changes: the admin notice reads it for free, and the readiness check "Order deliveries" (a critical Site
 * Health result) is recomputed when it changes. An incident starts when a connection becomes late and ends when
 * it is not; its one e-mail goes to the shop's admin address when it starts, never once per retry.
 */
final class Alerts {

	/** Late connections: id => {service_name, since (Unix time the incident was seen)}. */
	public const OPTION = 'flashnode_connector_late_deliveries';

	/**
	 * When a connection's oldest undelivered change was recorded (Unix time), or null when it has none.
	 *
	 * @param int $cursor The connection's cursor.
	 */
	public static function oldest_undelivered( int $cursor ): ?int {
		global $wpdb;
		$table   = ChangeLogSchema::table();
		$created = $wpdb->get_var( $wpdb->prepare( "SELECT created_gmt FROM {$table} WHERE change_id > %d ORDER BY change_id LIMIT 1", $cursor ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- live data; table name only.
		return null === $created ? null : (int) strtotime( $created . ' UTC' );
	}

	/**
	 * The late connections now.
	 *
	 * @return array<string,array{service_name:string,since:int}>
	 */
	public static function late(): array {
		$late = get_option( self::OPTION, array() );
		return is_array( $late ) ? $late : array();
	}

	/**
	 * A disconnected connection's incident ends with it: no notice, Site Health result or readiness error about a
	 * service that is gone (the tick that would notice stops when no connection delivers any more).
	 *
	 * @param mixed $id Connection id.
	 */
	public static function forget( $id ): void {
		$late = self::late();
		if ( isset( $late[ (string) $id ] ) ) {
			unset( $late[ (string) $id ] );
			update_option( self::OPTION, $late, true );
		}
	}

	/**
	 * Recomputes the late set from the delivering connections, and e-mails about each incident that starts.
	 *
	 * @param array<int,array<string,mixed>> $records The delivering connections.
	 */
	public static function update( array $records ): void {
		$before = self::late();
		$late   = array();
		foreach ( $records as $record ) {
			$id     = (string) $record['id'];
			$oldest = self::oldest_undelivered( DeliveryState::get( $id )['cursor'] );
			if ( null === $oldest || time() - $oldest <= RetrySchedule::late_after() ) {
				continue;
			}
			$late[ $id ] = $before[ $id ] ?? array(
				'service_name' => (string) $record['service_name'],
				'since'        => time(),
			);
			if ( ! isset( $before[ $id ] ) ) {
				self::mail( $record, $oldest );
			}
		}
		if ( $late !== $before ) {
			update_option( self::OPTION, $late, true );
		}
	}

	/**
	 * The incident's one e-mail (no customer data: where to look, not what is in the orders).
	 *
	 * @param array<string,mixed> $record The connection.
	 * @param int                 $oldest When its oldest undelivered change was recorded.
	 */
	private static function mail( array $record, int $oldest ): void {
		$log  = DeliveryState::log( (string) $record['id'] );
		$last = '' !== (string) ( $log[0]['error'] ?? '' ) ? (string) $log[0]['error'] : __( 'no attempt yet', 'flashnode-connector' );
		wp_mail(
			(string) get_option( 'admin_email' ),
			/* translators: 1: shop name, 2: service name. */
			sprintf( __( '[%1$s] Orders are not reaching %2$s', 'flashnode-connector' ), wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES ), $record['service_name'] ),
			sprintf(
				/* translators: 1: service name, 2: date and time (UTC), 3: last error, 4: address of the plugin's page. */
				__( "Flashnode Connector has not been able to deliver order changes to %1\$s since %2\$s UTC (last error: %3\$s).\n\nNothing is lost: the plugin keeps every change and keeps retrying; %1\$s receives them in order as soon as it answers again. You can retry now, and see each attempt, under Connections:\n%4\$s\n\nYou get this e-mail once per incident.", 'flashnode-connector' ),
				$record['service_name'],
				gmdate( 'Y-m-d H:i', $oldest ),
				$last,
				Settings::page_url()
			)
		);
	}
}
