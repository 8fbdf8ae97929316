<?php
/**
 * The plugin's WordPress Abilities (WordPress 6.9+): what an agent may ask about order integrations.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Abilities;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Adoption;
use Flashnode\Connector\Delivery\Resend;
use Flashnode\Connector\Delivery\Status;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Feed\OrderFlow;

defined( 'ABSPATH' ) || exit;

/**
 * Registered on wp_abilities_api_init, which WordPress before 6.9 never fires: there nothing is registered and
 * nothing fails. Each ability checks what the page checks (manage_woocommerce) and declares its input and output
 * schemas; WordPress validates the input against them before the callback runs. The answers are the page's own
 * (Delivery\Status, Feed\OrderFlow), never secrets.
 */
final class Abilities {

	/** The abilities' category. */
	public const CATEGORY = 'order-integrations';

	/**
	 * The category.
	 */
	public static function register_category(): void {
		wp_register_ability_category(
			self::CATEGORY,
			array(
				'label'       => __( 'Order integrations', 'flashnode-connector' ),
				'description' => __( 'The services that receive this shop\'s orders: their connections, deliveries and stuck orders.', 'flashnode-connector' ),
			)
		);
	}

	/**
	 * The three abilities.
	 */
	public static function register_abilities(): void {
		$connection_id = array(
			'type'        => 'string',
			'description' => __( 'A connection id, as connection-status lists them. Optional: all connections.', 'flashnode-connector' ),
			'maxLength'   => 200,
		);
		self::add(
			'flashnode/connection-status',
			__( 'Connection status', 'flashnode-connector' ),
			__( 'Lists the services connected to this shop: each one\'s user and scopes, whether it has more rights than it needs, and whether order changes reach it (waiting changes, retries, failing or late).', 'flashnode-connector' ),
			array( 'connection_id' => $connection_id ),
			array( self::class, 'connection_status' ),
			array(
				'readonly'    => true,
				'destructive' => false,
				'idempotent'  => true,
			)
		);
		self::add(
			'flashnode/stuck-orders',
			__( 'Stuck orders', 'flashnode-connector' ),
			__( 'Lists orders that have not reached their service: orders waiting for transfer that no service acknowledged in time, and per connection the orders whose changes are not delivered yet.', 'flashnode-connector' ),
			array( 'connection_id' => $connection_id ),
			array( self::class, 'stuck_orders' ),
			array(
				'readonly'    => true,
				'destructive' => false,
				'idempotent'  => true,
			)
		);
		self::add(
			'flashnode/resend-order',
			__( 'Send orders again', 'flashnode-connector' ),
			__( 'Sends orders to the connected services again: each gets a "resent" change, which the plugin delivers with retries and feed consumers read too. Changes no order.', 'flashnode-connector' ),
			array(
				'order_ids'     => array(
					'type'        => 'array',
					'description' => __( 'Ids of the orders to send again (1 to 100).', 'flashnode-connector' ),
					'items'       => array(
						'type'    => 'integer',
						'minimum' => 1,
					),
					'minItems'    => 1,
					'maxItems'    => 100,
				),
				'connection_id' => $connection_id,
			),
			array( self::class, 'resend_order' ),
			array(
				'readonly'    => false,
				'destructive' => false,
				'idempotent'  => false,
			),
			array( 'order_ids' )
		);
	}

	/**
	 * Registers one ability, for shop managers.
	 *
	 * @param string                            $name        Ability name.
	 * @param string                            $label       Label.
	 * @param string                            $description What it does and when to use it.
	 * @param array<string,array<string,mixed>> $properties  Input properties.
	 * @param callable                          $execute     Callback.
	 * @param array<string,bool>                $annotations readonly, destructive, idempotent.
	 * @param string[]                          $required    Required input properties.
	 *
	 * @phpstan-param lowercase-string&non-falsy-string $name
	 */
	private static function add( string $name, string $label, string $description, array $properties, callable $execute, array $annotations, array $required = array() ): void {
		$input = array(
			'type'                 => 'object',
			'properties'           => $properties,
			'additionalProperties' => false,
		);
		if ( array() !== $required ) {
			$input['required'] = $required;
		} else {
			$input['default'] = array();
		}
		wp_register_ability(
			$name,
			array(
				'label'               => $label,
				'description'         => $description,
				'category'            => self::CATEGORY,
				'input_schema'        => $input,
				'output_schema'       => array(
					'type'                 => 'object',
					'additionalProperties' => true,
				),
				'execute_callback'    => $execute,
				'permission_callback' => static function (): bool {
					return current_user_can( 'manage_woocommerce' );
				},
				'meta'                => array(
					'annotations'  => $annotations,
					'show_in_rest' => true,
				),
			)
		);
	}

	/**
	 * The ability flashnode/connection-status.
	 *
	 * @param mixed $input {connection_id?}.
	 * @return array<string,mixed>|\WP_Error
	 */
	public static function connection_status( $input = array() ) {
		$records = self::records( $input );
		if ( is_wp_error( $records ) ) {
			return $records;
		}
		$out = array();
		foreach ( $records as $record ) {
			$user  = get_userdata( (int) $record['user_id'] );
			$out[] = array(
				'connection_id'       => $record['id'],
				'service_name'        => $record['service_name'],
				'service_host'        => $record['service_host'],
				'connected_at'        => $record['connected_at_utc'],
				'user_login'          => $user ? (string) $user->user_login : null,
				'scopes'              => $record['scopes'],
				'broader_than_needed' => Connections::broader_than_needed( $record ),
				'deliveries'          => Adoption::delivers( $record ) ? Status::of( $record ) : null,
			);
		}
		return array( 'connections' => $out );
	}

	/**
	 * The ability flashnode/stuck-orders.
	 *
	 * @param mixed $input {connection_id?}.
	 * @return array<string,mixed>|\WP_Error
	 */
	public static function stuck_orders( $input = array() ) {
		$records = self::records( $input );
		if ( is_wp_error( $records ) ) {
			return $records;
		}
		$flow       = OrderFlow::numbers( true );
		$deliveries = array();
		foreach ( array_filter( $records, array( Adoption::class, 'delivers' ) ) as $record ) {
			$status       = Status::of( $record );
			$page         = Feed::page( (int) $status['cursor'], 100 );
			$deliveries[] = array(
				'connection_id'         => $record['id'],
				'service_name'          => $record['service_name'],
				'undelivered'           => $status['undelivered'],
				'oldest_undelivered_at' => $status['oldest_undelivered_at'],
				'waiting_order_ids'     => array_values( array_unique( array_column( $page['changes'], 'order_id' ) ) ),
			);
		}
		return array(
			'threshold_minutes'     => $flow['threshold_minutes'],
			'unacknowledged_orders' => $flow['unacknowledged_orders'],
			'stuck_orders'          => $flow['stuck_orders'],
			'undelivered'           => $deliveries,
		);
	}

	/**
	 * The ability flashnode/resend-order.
	 *
	 * @param mixed $input {order_ids, connection_id?}.
	 * @return array<string,mixed>|\WP_Error
	 */
	public static function resend_order( $input = array() ) {
		$records = self::records( $input );
		if ( is_wp_error( $records ) ) {
			return $records;
		}
		$ids  = array_map( 'intval', (array) ( $input['order_ids'] ?? array() ) );
		$only = isset( $input['connection_id'] ) ? (string) $input['connection_id'] : null;
		$done = Resend::orders( $ids, $only );
		return array(
			'queued'    => $done,
			'not_found' => array_values( array_diff( $ids, $done ) ),
		);
	}

	/**
	 * The connections an input names: all, or the one with connection_id (an error when there is none).
	 *
	 * @param mixed $input Ability input.
	 * @return array<int,array<string,mixed>>|\WP_Error
	 */
	private static function records( $input ) {
		$id = is_array( $input ) && isset( $input['connection_id'] ) ? (string) $input['connection_id'] : '';
		if ( '' === $id ) {
			return Connections::all();
		}
		$record = Connections::get( $id );
		if ( null === $record ) {
			return new \WP_Error( 'flashnode_not_connected', __( 'No service with this connection id is connected to this shop.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		return array( $record );
	}
}
