<?php
/**
 * What a new key is made of: its owner, permissions and description.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Keys;

defined( 'ABSPATH' ) || exit;

/**
 * Shared by the two places that create keys (the keys route and the hand-off): the same arguments, the same
 * owner rule, the same default description.
 */
final class NewKey {

	/**
	 * The user the key acts as.
	 *
	 * @var int
	 */
	public $user_id;

	/**
	 * One of ApiKeys::PERMISSIONS.
	 *
	 * @var string
	 */
	public $permissions;

	/**
	 * Shown in the key lists.
	 *
	 * @var string
	 */
	public $description;

	/**
	 * A validated new key (see from()).
	 *
	 * @param int    $user_id     Owner.
	 * @param string $permissions One of ApiKeys::PERMISSIONS.
	 * @param string $description Description.
	 */
	private function __construct( int $user_id, string $permissions, string $description ) {
		$this->user_id     = $user_id;
		$this->permissions = $permissions;
		$this->description = $description;
	}

	/**
	 * The arguments describing a new key (JSON Schema, as routes declare them).
	 *
	 * @return array<string,array<string,mixed>>
	 */
	public static function args(): array {
		return array(
			'user_id'     => array(
				'description' => __( 'The user the key acts as (default: you). Must be able to manage WooCommerce.', 'flashnode-connector' ),
				'type'        => 'integer',
				'minimum'     => 1,
			),
			'permissions' => array(
				'description' => __( 'What the key may do. Order integrations need read_write (they mark orders as transferred).', 'flashnode-connector' ),
				'type'        => 'string',
				'enum'        => ApiKeys::PERMISSIONS,
				'default'     => 'read_write',
			),
			'description' => array(
				'description' => __( 'Shown in the key lists (default: "Flashnode – <date>").', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 190,
			),
		);
	}

	/**
	 * The new key from arguments validated against args(), or why its owner cannot be used.
	 *
	 * @param array<string,mixed> $params user_id (null: the current user), permissions, description.
	 * @return self|\WP_Error
	 */
	public static function from( array $params ) {
		$user_id = isset( $params['user_id'] ) ? (int) $params['user_id'] : get_current_user_id();
		if ( ! ApiKeys::may_own( $user_id ) ) {
			return new \WP_Error(
				'flashnode_invalid_key_owner',
				__( 'Choose a user who can manage WooCommerce and whose profile you may edit (yourself, or anyone if you are an administrator).', 'flashnode-connector' ),
				array( 'status' => 400 )
			);
		}
		$description = isset( $params['description'] ) && is_string( $params['description'] ) ? sanitize_text_field( $params['description'] ) : '';
		if ( '' === $description ) {
			/* translators: %s: date and time the key was created. */
			$description = sprintf( __( 'Flashnode – %s', 'flashnode-connector' ), wp_date( 'Y-m-d H:i' ) );
		}
		return new self( $user_id, (string) ( $params['permissions'] ?? 'read_write' ), $description );
	}

	/**
	 * Creates the key (ApiKeys::create()).
	 *
	 * @return array{key_id:int,user_id:int,consumer_key:string,consumer_secret:string,truncated_key:string,permissions:string}|\WP_Error
	 */
	public function create() {
		return ApiKeys::create( $this->user_id, $this->permissions, $this->description );
	}
}
