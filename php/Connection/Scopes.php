<?php
/**
 * What a connected service may do, in scopes a link asks for and the owner sees in plain words.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's keys know only read, write and read_write, and act with their user's capabilities. So a scope is a
 * set of capabilities given to the connection's own user (ServiceUser), which WooCommerce's own permission checks
 * then apply on wc/v3, on the Legacy API's wc-api/v3 and on our feed: settings, payment gateways, coupons,
 * webhooks, reports and system status need manage_woocommerce (or others no scope grants), so they answer 403.
 * The capability lists were found by calling each route with a user holding only them (tests/php/ScopeMatrixTest.php
 * keeps them honest on every run).
 */
final class Scopes {

	/** The feed and the order list: every connection has it. */
	public const ORDERS_READ = 'orders:read';

	/** Acknowledgements, order notes, status changes. */
	public const ORDERS_WRITE = 'orders:write';

	/** What a link gets when it names no scopes. */
	public const DEFAULT = array( self::ORDERS_READ, self::ORDERS_WRITE, 'products:read' );

	/**
	 * Capabilities of each scope.
	 *
	 * @return array<string,string[]>
	 */
	private static function capabilities(): array {
		return array(
			self::ORDERS_READ  => array( 'read_private_shop_orders' ),
			self::ORDERS_WRITE => array( 'edit_shop_orders', 'edit_others_shop_orders', 'edit_published_shop_orders', 'edit_private_shop_orders', 'publish_shop_orders' ),
			'products:read'    => array( 'read_private_products' ),
			'products:write'   => array( 'edit_products', 'edit_others_products', 'edit_published_products', 'edit_private_products', 'publish_products' ),
			// WooCommerce's customers routes check WordPress's list_users capability.
			'customers:read'   => array( 'list_users' ),
		);
	}

	/**
	 * Every scope a link may name.
	 *
	 * @return string[]
	 */
	public static function ids(): array {
		return array_keys( self::capabilities() );
	}

	/**
	 * The capabilities that grant a set of scopes.
	 *
	 * @param string[] $scopes Known scopes.
	 * @return string[]
	 */
	public static function capabilities_of( array $scopes ): array {
		$all  = self::capabilities();
		$caps = array();
		foreach ( $scopes as $scope ) {
			$caps = array_merge( $caps, $all[ $scope ] ?? array() );
		}
		return array_values( array_unique( $caps ) );
	}

	/**
	 * The key permission the scopes need: read_write as soon as one of them writes.
	 *
	 * @param string[] $scopes Known scopes.
	 */
	public static function key_permissions( array $scopes ): string {
		foreach ( $scopes as $scope ) {
			if ( ':write' === substr( $scope, -6 ) ) {
				return 'read_write';
			}
		}
		return 'read';
	}

	/**
	 * A link's scopes= parameter (comma-separated): the known scopes asked for, orders:read always among them, or
	 * a 400 naming the ones that cannot be granted.
	 *
	 * @param mixed $given The parameter as received; null or '' for the default.
	 * @return string[]|\WP_Error
	 */
	public static function parse( $given ) {
		if ( null === $given || '' === $given ) {
			return self::DEFAULT;
		}
		if ( ! is_string( $given ) ) {
			return self::invalid( __( 'scopes must be a comma-separated list.', 'flashnode-connector' ) );
		}
		$scopes  = CommaList::items( $given );
		$unknown = array_diff( $scopes, self::ids() );
		if ( array() !== $unknown ) {
			/* translators: 1: the scopes asked for that do not exist, 2: the scopes that exist. */
			return self::invalid( sprintf( __( 'This shop cannot grant %1$s. Known scopes: %2$s.', 'flashnode-connector' ), implode( ', ', $unknown ), implode( ', ', self::ids() ) ) );
		}
		if ( ! in_array( self::ORDERS_READ, $scopes, true ) ) {
			/* translators: %s: the scope orders:read. */
			return self::invalid( sprintf( __( 'An order integration needs %s.', 'flashnode-connector' ), self::ORDERS_READ ) );
		}
		// The catalogue's order, whatever the link's.
		return array_values( array_intersect( self::ids(), $scopes ) );
	}

	/**
	 * What the approval screen says of each scope asked for: what it allows, what it does not, whether the owner
	 * may untick it.
	 *
	 * @param string[] $scopes Known scopes.
	 * @return array<int,array{id:string,label:string,allows:string,optional:bool}>
	 */
	public static function describe( array $scopes ): array {
		$words     = array(
			self::ORDERS_READ  => array( __( 'Read orders', 'flashnode-connector' ), __( 'See orders with their customers\' names, addresses and e-mails, and read the order change feed.', 'flashnode-connector' ) ),
			self::ORDERS_WRITE => array( __( 'Update orders', 'flashnode-connector' ), __( 'Mark orders as transferred, add order notes and change an order\'s status.', 'flashnode-connector' ) ),
			'products:read'    => array( __( 'Read products', 'flashnode-connector' ), __( 'See products, prices and stock.', 'flashnode-connector' ) ),
			'products:write'   => array( __( 'Update products', 'flashnode-connector' ), __( 'Change products, prices and stock levels.', 'flashnode-connector' ) ),
			'customers:read'   => array( __( 'Read customers', 'flashnode-connector' ), __( 'See customer accounts and the names and e-mails of the site\'s users.', 'flashnode-connector' ) ),
		);
		$described = array();
		foreach ( $scopes as $scope ) {
			$described[] = array(
				'id'       => $scope,
				'label'    => $words[ $scope ][0],
				'allows'   => $words[ $scope ][1],
				'optional' => self::ORDERS_READ !== $scope,
			);
		}
		return $described;
	}

	/**
	 * What no scope allows, said once on the approval screen.
	 */
	public static function never(): string {
		return __( 'It cannot see or change your payment methods, shop settings, coupons, webhooks or reports, cannot change users, and cannot log in to your site.', 'flashnode-connector' );
	}

	/**
	 * The 400 for a scope that cannot be granted.
	 *
	 * @param string $message What is wrong.
	 */
	private static function invalid( string $message ): \WP_Error {
		/* translators: %s: what is wrong with the scopes parameter. */
		return new \WP_Error( 'flashnode_invalid_connection_link', sprintf( __( 'scopes: %s', 'flashnode-connector' ), $message ), array( 'status' => 400 ) );
	}
}
