<?php
/**
 * Each connected service's own WordPress user, holding exactly the capabilities of its scopes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * The service's key acts as this user, so WooCommerce's own capability checks limit what the key can do, the order
 * notes it writes name the service, and an owner who leaves or is demoted no longer breaks every integration.
 * The user has the role ROLE (no capabilities of its own) plus its scopes' capabilities, a random password it is
 * never told, no e-mail address, and it cannot log in, reset its password or get application passwords.
 */
final class ServiceUser {

	/** Role of every service user; it grants nothing by itself. */
	public const ROLE = 'flashnode_connection';

	/** Login names start with this. */
	public const LOGIN_PREFIX = 'flashnode-';

	/**
	 * Creates the user of a connection: login flashnode-<service-slug>, numbered when taken.
	 *
	 * @param string   $service_name The service's name (display name of the user).
	 * @param string[] $scopes       Known scopes (Scopes::parse()).
	 * @return int|\WP_Error The user id.
	 */
	public static function create( string $service_name, array $scopes ) {
		if ( null === get_role( self::ROLE ) ) {
			add_role( self::ROLE, __( 'Flashnode connection', 'flashnode-connector' ), array() );
		}
		$slug  = substr( sanitize_title( $service_name ), 0, 40 );
		$base  = self::LOGIN_PREFIX . ( '' === $slug ? 'service' : $slug );
		$login = $base;
		$n     = 1;
		while ( false !== username_exists( $login ) && $n < 1000 ) {
			$login = $base . '-' . ( ++$n );
		}
		$user_id = wp_insert_user(
			array(
				'user_login'   => $login,
				'user_pass'    => wp_generate_password( 64, true, true ),
				'display_name' => $service_name,
				'nickname'     => $service_name,
				'role'         => self::ROLE,
			)
		);
		if ( is_wp_error( $user_id ) ) {
			return new \WP_Error( 'flashnode_service_user_not_created', $user_id->get_error_message(), array( 'status' => 409 ) );
		}
		self::set_scopes( (int) $user_id, $scopes );
		return (int) $user_id;
	}

	/**
	 * Gives a service user exactly the capabilities of these scopes.
	 *
	 * @param int      $user_id The service user.
	 * @param string[] $scopes  Known scopes.
	 */
	public static function set_scopes( int $user_id, array $scopes ): void {
		if ( ! self::is_service_user( $user_id ) ) {
			return;
		}
		$user = new \WP_User( $user_id );
		foreach ( Scopes::capabilities_of( Scopes::ids() ) as $cap ) {
			$user->remove_cap( $cap );
		}
		foreach ( Scopes::capabilities_of( $scopes ) as $cap ) {
			$user->add_cap( $cap );
		}
	}

	/**
	 * Names a service user as its service is called now (the author's name on the order notes it writes).
	 *
	 * @param int    $user_id      The service user.
	 * @param string $service_name The service's name.
	 */
	public static function rename( int $user_id, string $service_name ): void {
		if ( self::is_service_user( $user_id ) ) {
			wp_update_user(
				array(
					'ID'           => $user_id,
					'display_name' => $service_name,
					'nickname'     => $service_name,
				)
			);
		}
	}

	/**
	 * Deletes a service user (never any other user: a 0.4 connection's key belongs to the owner).
	 *
	 * @param int $user_id The user.
	 */
	public static function delete( int $user_id ): void {
		if ( ! self::is_service_user( $user_id ) ) {
			return;
		}
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $user_id );
	}

	/**
	 * Whether the user is a connected service's.
	 *
	 * @param int|\WP_User|null $user The user.
	 */
	public static function is_service_user( $user ): bool {
		$user = $user instanceof \WP_User ? $user : get_userdata( (int) $user );
		// From the user's own capability list, not WP_User::$roles: that lists registered roles only, and the
		// role's registration (an option) may be gone while the user still exists (a reinstall after an uninstall).
		return $user instanceof \WP_User && ! empty( $user->caps[ self::ROLE ] );
	}

	/**
	 * Refuses a service user's password login.
	 *
	 * @param \WP_User|\WP_Error $user The user WordPress found, or an earlier refusal.
	 * @return \WP_User|\WP_Error
	 */
	public static function refuse_login( $user ) {
		if ( $user instanceof \WP_User && self::is_service_user( $user ) ) {
			return new \WP_Error( 'flashnode_service_user', __( 'This user belongs to a connected service and cannot log in.', 'flashnode-connector' ) );
		}
		return $user;
	}

	/**
	 * No password reset for a service user.
	 *
	 * @param bool|\WP_Error $allow   WordPress's decision.
	 * @param int            $user_id The user.
	 * @return bool|\WP_Error
	 */
	public static function allow_password_reset( $allow, $user_id ) {
		return self::is_service_user( (int) $user_id ) ? false : $allow;
	}

	/**
	 * No application passwords for a service user: its key is its only credential.
	 *
	 * @param bool     $available WordPress's decision.
	 * @param \WP_User $user      The user.
	 */
	public static function allow_application_passwords( $available, $user ): bool {
		return self::is_service_user( $user ) ? false : (bool) $available;
	}

	/**
	 * With HPOS, WooCommerce checks "may edit this order" on the order's placeholder post (post type
	 * shop_order_placehold, capability type "post"), so only a user who may edit others' blog posts passes it, and a
	 * service holding every order capability got 403 on PUT wc/v3/orders/<id>. For service users, that check is the
	 * order capability it stands for (WordPress's map_meta_cap filter, only for this post type).
	 *
	 * @param string[] $caps    The capabilities WordPress requires.
	 * @param string   $cap     The capability checked.
	 * @param int      $user_id The user.
	 * @param mixed[]  $args    The object id first.
	 * @return string[]
	 */
	public static function map_order_placeholder( $caps, $cap, $user_id, $args ): array {
		$order_caps = array(
			'edit_post'   => 'edit_others_shop_orders',
			'delete_post' => 'delete_others_shop_orders',
			'read_post'   => 'read_private_shop_orders',
		);
		// The user first: it is cached; the post may not be (an admin's lists check edit_post for every row).
		if ( ! isset( $order_caps[ $cap ], $args[0] ) || ! is_numeric( $args[0] ) || ! self::is_service_user( (int) $user_id ) || 'shop_order_placehold' !== get_post_type( (int) $args[0] ) ) {
			return (array) $caps;
		}
		return array( $order_caps[ $cap ] );
	}
}
