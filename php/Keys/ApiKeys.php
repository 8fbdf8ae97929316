<?php
/**
 * WooCommerce REST API keys created by this plugin.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Keys;

use Flashnode\Connector\Storage\OwnedIds;

defined( 'ABSPATH' ) || exit;

/**
 * Creates keys exactly as WooCommerce does (WC_Auth::create_keys(): the consumer key hashed with wc_api_hash(),
 * the secret as is, the last 7 characters as truncated_key), so WooCommerce's own REST authentication accepts
 * them. Remembers only the ids of its keys, never a consumer key or secret: those are returned once, by create().
 */
final class ApiKeys {

	/** Option with the ids of the plugin's keys (not autoloaded). */
	public const OPTION = 'flashnode_connector_key_ids';

	/** WooCommerce's permission values. */
	public const PERMISSIONS = array( 'read', 'write', 'read_write' );

	/** A key whose owner no longer exists. */
	public const PROBLEM_OWNER_DELETED = 'owner_deleted';

	/** A key whose owner can no longer manage WooCommerce (WooCommerce then refuses most requests). */
	public const PROBLEM_OWNER_LACKS_CAPABILITY = 'owner_lacks_capability';

	/**
	 * Creates a key. The only time the consumer key and secret exist in plain text outside the caller.
	 *
	 * @param int    $user_id     Owner (the key acts with this user's capabilities).
	 * @param string $permissions read, write or read_write.
	 * @param string $description Shown in WooCommerce > Settings > Advanced > REST API too.
	 * @return array{key_id:int,user_id:int,consumer_key:string,consumer_secret:string,truncated_key:string,permissions:string}|\WP_Error
	 */
	public static function create( int $user_id, string $permissions, string $description ) {
		global $wpdb;
		$consumer_key    = 'ck_' . wc_rand_hash();
		$consumer_secret = 'cs_' . wc_rand_hash();
		$inserted        = $wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- WooCommerce's key table has no API; this mirrors WC_Auth::create_keys().
			$wpdb->prefix . 'woocommerce_api_keys',
			array(
				'user_id'         => $user_id,
				'description'     => $description,
				'permissions'     => $permissions,
				'consumer_key'    => wc_api_hash( $consumer_key ),
				'consumer_secret' => $consumer_secret,
				'truncated_key'   => substr( $consumer_key, -7 ),
			),
			array( '%d', '%s', '%s', '%s', '%s', '%s' )
		);
		if ( 1 !== $inserted ) {
			return new \WP_Error( 'flashnode_key_not_created', __( 'WooCommerce\'s API key table refused the new key. Check that WooCommerce is fully installed (WooCommerce > Status).', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		$key_id = (int) $wpdb->insert_id;
		self::owned()->add( array( $key_id ) );
		return array(
			'key_id'          => $key_id,
			'user_id'         => $user_id,
			'consumer_key'    => $consumer_key,
			'consumer_secret' => $consumer_secret,
			'truncated_key'   => substr( $consumer_key, -7 ),
			'permissions'     => $permissions,
		);
	}

	/**
	 * The plugin's keys that still exist, newest first, without secrets. Keys deleted elsewhere (WooCommerce's
	 * own screen) are forgotten.
	 *
	 * @return array<int,array<string,mixed>> Each: key_id, description, truncated_key, permissions, last_access_utc, user, problem.
	 */
	public static function all(): array {
		$ids = self::ids();
		if ( array() === $ids ) {
			return array();
		}
		global $wpdb;
		$placeholders = implode( ',', array_fill( 0, count( $ids ), '%d' ) );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- placeholders are built above; WooCommerce's key table has no API.
		$rows = $wpdb->get_results(
			$wpdb->prepare( "SELECT key_id, user_id, description, permissions, truncated_key, last_access FROM {$wpdb->prefix}woocommerce_api_keys WHERE key_id IN ( $placeholders ) ORDER BY key_id DESC", $ids ),
			ARRAY_A
		);
		// phpcs:enable
		$rows = is_array( $rows ) ? $rows : array();
		self::owned()->remove( array_diff( $ids, array_map( 'intval', array_column( $rows, 'key_id' ) ) ) );
		return array_map( array( self::class, 'summary' ), $rows );
	}

	/**
	 * Deletes one of the plugin's keys; WooCommerce stops accepting it at once.
	 *
	 * @param int $key_id Key id.
	 * @return bool False when the key is not one of the plugin's.
	 */
	public static function revoke( int $key_id ): bool {
		if ( ! in_array( $key_id, self::ids(), true ) ) {
			return false;
		}
		global $wpdb;
		$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'key_id' => $key_id ), array( '%d' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- as WooCommerce's own key screen does.
		self::owned()->remove( array( $key_id ) );
		return true;
	}

	/**
	 * Ids of the plugin's keys.
	 *
	 * @return int[]
	 */
	public static function ids(): array {
		return self::owned()->all();
	}

	/**
	 * The list of the plugin's keys.
	 */
	private static function owned(): OwnedIds {
		return new OwnedIds( self::OPTION );
	}

	/**
	 * The users a shop manager may create a key for: people who can manage WooCommerce and whom the current user
	 * may edit (the rule of WooCommerce's own key screen), so a shop manager cannot mint an administrator's key.
	 *
	 * @return array<int,array{id:int,name:string,login:string}>
	 */
	public static function eligible_owners(): array {
		$users  = get_users(
			array(
				'capability' => 'manage_woocommerce',
				'orderby'    => 'display_name',
				'number'     => 200,
			)
		);
		$owners = array();
		foreach ( $users as $user ) {
			if ( self::may_own( (int) $user->ID ) ) {
				$owners[] = array(
					'id'    => (int) $user->ID,
					'name'  => (string) $user->display_name,
					'login' => (string) $user->user_login,
				);
			}
		}
		return $owners;
	}

	/**
	 * Whether the current user may create a key owned by this user.
	 *
	 * @param int $user_id Candidate owner.
	 */
	public static function may_own( int $user_id ): bool {
		$user = get_userdata( $user_id );
		if ( ! $user || ! user_can( $user, 'manage_woocommerce' ) ) {
			return false;
		}
		return get_current_user_id() === $user_id || current_user_can( 'edit_user', $user_id );
	}

	/**
	 * A key's last access in UTC: WooCommerce stores it in the shop's time zone (current_time( 'mysql' )).
	 *
	 * @param string|null $last_access The key table's last_access; null or empty when never used.
	 */
	public static function last_access_utc( ?string $last_access ): ?string {
		return empty( $last_access ) ? null : get_gmt_from_date( $last_access, 'Y-m-d\TH:i:s\Z' );
	}

	/**
	 * A key row as the page and the health endpoint show it.
	 *
	 * @param array<string,mixed> $row Row of the key table.
	 * @return array<string,mixed>
	 */
	private static function summary( array $row ): array {
		$user    = get_userdata( (int) $row['user_id'] );
		$problem = null;
		if ( ! $user ) {
			$problem = self::PROBLEM_OWNER_DELETED;
		} elseif ( ! user_can( $user, 'manage_woocommerce' ) && ! user_can( $user, 'read_private_shop_orders' ) ) {
			// A connection's own user holds only its scopes (orders:read at least); other owners manage WooCommerce.
			$problem = self::PROBLEM_OWNER_LACKS_CAPABILITY;
		}
		return array(
			'key_id'          => (int) $row['key_id'],
			'description'     => (string) $row['description'],
			'truncated_key'   => (string) $row['truncated_key'],
			'permissions'     => (string) $row['permissions'],
			'last_access_utc' => self::last_access_utc( $row['last_access'] ?? null ),
			'user'            => $user ? array(
				'id'    => (int) $user->ID,
				'name'  => (string) $user->display_name,
				'login' => (string) $user->user_login,
			) : array(
				'id'    => (int) $row['user_id'],
				'name'  => '',
				'login' => '',
			),
			'problem'         => $problem,
		);
	}
}
