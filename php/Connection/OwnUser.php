<?php
/**
 * "Give <service> its own user": the replace hand-off, started by the shop.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * A connection broader than needed (0.4's, whose key acts as the administrator who approved it) gets a user of its
 * own in one click, without the owner opening the service's link again: the shop cannot reuse a callback URL (it
 * carries a one-time code), so the service tells the shop where to hand a new key — reconnect_url, in its hand-off
 * answer or, for a connection made before it knew of it, with its existing key (Integrator\ConnectionController).
 * The rest is approving again (Handoff): new user with the record's scopes (the default for 0.4), new key and
 * webhooks handed over first, the old ones revoked only after the service's 200; on any other answer everything
 * new is deleted and the old grants keep working.
 */
final class OwnUser {

	/**
	 * The connection, if it can be given its own user now; else why not (checked before anything is written).
	 *
	 * @param string $id Connection id.
	 * @return array<string,mixed>|\WP_Error
	 */
	public static function eligible( string $id ) {
		$record = Connections::get( $id );
		if ( null === $record ) {
			return new \WP_Error( 'flashnode_not_connected', __( 'No such service is connected to this shop through the plugin.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		if ( ! Connections::broader_than_needed( $record ) ) {
			/* translators: %s: the service's name. */
			return new \WP_Error( 'flashnode_connection_has_own_user', sprintf( __( '%s already has its own user with only the rights it needs.', 'flashnode-connector' ), $record['service_name'] ), array( 'status' => 409 ) );
		}
		if ( null === $record['reconnect_url'] ) {
			return new \WP_Error(
				'flashnode_no_reconnect_url',
				/* translators: %s: the service's name. */
				sprintf( __( '%s has not told the shop where to send a new key. Approve the service\'s connection link again instead.', 'flashnode-connector' ), $record['service_name'] ),
				array( 'status' => 409 )
			);
		}
		return $record;
	}

	/**
	 * Runs the hand-off for an eligible connection.
	 *
	 * @param array<string,mixed> $record Connections record (eligible()).
	 * @return array<string,mixed>|\WP_Error Handoff::connect()'s answer.
	 */
	public static function give( array $record ) {
		global $wpdb;
		// One hand-off per connection at a time: two tabs clicking at once would each make a user and a key, and the
		// first one's would be left working. A MySQL named lock (no table, nothing written), held while the
		// service answers; the record is read again under it, as the other request may just have changed it.
		$lock = 'flashnode_own_user:' . md5( (string) $record['id'] );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- a named lock, as Http\RequestClaim takes one.
		if ( '1' !== (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK( %s, 0 )', $lock ) ) ) {
			/* translators: %s: the service's name. */
			return new \WP_Error( 'flashnode_connection_busy', sprintf( __( '%s is being given its own user already (another click is waiting for the service). Reload the page in a moment.', 'flashnode-connector' ), $record['service_name'] ), array( 'status' => 409 ) );
		}
		try {
			wp_cache_delete( Connections::OPTION, 'options' );
			$record = self::eligible( (string) $record['id'] );
			if ( is_wp_error( $record ) ) {
				return $record;
			}
			$webhooks = array_filter( array_map( array( WebhookRegistry::class, 'find' ), $record['webhook_ids'] ) );
			$proposal = Proposal::reconnect( $record, $webhooks );
			if ( is_wp_error( $proposal ) ) {
				return $proposal;
			}
			return Handoff::connect( $proposal, $record );
		} finally {
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK( %s )', $lock ) );
		}
		// phpcs:enable
	}

	/**
	 * Stores the reconnect_url a service reports with one of its connection's keys.
	 *
	 * @param array<string,mixed> $record Connections record the key belongs to.
	 * @param string              $url    A checked address (ServiceInfo::url()).
	 */
	public static function remember( array $record, string $url ): void {
		$record['reconnect_url'] = $url;
		Connections::save( $record );
	}
}
