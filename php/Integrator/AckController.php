<?php
/**
 * POST /wp-json/wc-flashnode/v1/acks — "these orders reached the back office".
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\OrderFlow;

defined( 'ABSPATH' ) || exit;

/**
 * Idempotent: a consumer may repeat an acknowledgement (after a timeout, a crash) without a second note.
 * Unknown ids do not fail the batch — an order may have been deleted since it was read — but are listed.
 */
final class AckController extends KeyController {

	/** Most ids per request, as the feed's largest page. */
	private const MAX_IDS = 500;

	/** Longest reference kept. */
	private const MAX_REFERENCE = 100;

	/**
	 * The route below the namespace.
	 *
	 * @var string
	 */
	protected $rest_base = 'acks';

	/**
	 * {@inheritDoc}
	 */
	protected function method(): string {
		return \WP_REST_Server::CREATABLE;
	}

	/**
	 * {@inheritDoc}
	 */
	protected function code_prefix(): string {
		return KeyRefusals::ACKS;
	}

	/**
	 * A key with write permission (WooCommerce has already refused keys without it).
	 */
	protected function needs(): string {
		return 'write';
	}

	/**
	 * A key whose user may edit orders.
	 *
	 * @param array<string,mixed> $key The key that arrived.
	 */
	protected function refusal( array $key ): ?\WP_Error {
		if ( ! current_user_can( 'edit_shop_orders' ) ) {
			return new \WP_Error( 'flashnode_acks_user_cannot_edit_orders', __( 'The user this API key belongs to may not edit orders.', 'flashnode-connector' ), array( 'status' => 403 ) );
		}
		return null;
	}

	/**
	 * The outcome of an acknowledgement.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	protected function answer_properties(): array {
		$id = array( 'type' => 'integer' );
		return array(
			'consumer'     => self::field( 'string', 'The consumer the key names: its description, else its last characters.' ),
			'results'      => self::field(
				'array',
				'Each order asked for, in the order sent.',
				array(
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'order_id' => $id,
							'result'   => array(
								'type' => 'string',
								'enum' => array( Acknowledgements::ACKNOWLEDGED, Acknowledgements::UNCHANGED, Acknowledgements::NOT_FOUND ),
							),
						),
					),
				)
			),
			'acknowledged' => self::field( 'integer', 'How many orders were acknowledged now.' ),
			'unchanged'    => self::field( 'integer', 'How many were acknowledged with this reference before.' ),
			'not_found'    => self::field( 'array', 'The ids of orders that do not exist.', array( 'items' => $id ) ),
		);
	}

	/**
	 * Acknowledges the orders.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function answer( \WP_REST_Request $request ) {
		$body = $request->get_json_params();
		if ( ! is_array( $body ) ) {
			return self::bad( 'flashnode_acks_bad_body', __( 'Send a JSON object: {"order_ids":[123,124],"reference":"optional external id"} with Content-Type: application/json.', 'flashnode-connector' ) );
		}
		$ids = self::order_ids( $body['order_ids'] ?? null );
		if ( null === $ids ) {
			/* translators: %d: most ids per request. */
			return self::bad( 'flashnode_acks_bad_order_ids', sprintf( __( 'order_ids must be a list of 1 to %d order ids (positive whole numbers).', 'flashnode-connector' ), self::MAX_IDS ) );
		}
		$reference = $body['reference'] ?? '';
		if ( ! is_string( $reference ) || strlen( $reference ) > self::MAX_REFERENCE || sanitize_text_field( $reference ) !== $reference ) {
			/* translators: %d: longest reference. */
			return self::bad( 'flashnode_acks_bad_reference', sprintf( __( 'reference must be plain text of at most %d characters, without tags or line breaks.', 'flashnode-connector' ), self::MAX_REFERENCE ) );
		}
		$key     = (array) $this->key;
		$results = Acknowledgements::acknowledge( $ids, $key, $reference );
		Consumers::acknowledged( $key );
		delete_transient( OrderFlow::CACHE_TRANSIENT );
		$list = array();
		foreach ( $results as $order_id => $result ) {
			$list[] = array(
				'order_id' => $order_id,
				'result'   => $result,
			);
		}
		$counts = array_count_values( $results );
		return new \WP_REST_Response(
			array(
				'consumer'     => Consumers::name_of( $key ),
				'results'      => $list,
				'acknowledged' => $counts[ Acknowledgements::ACKNOWLEDGED ] ?? 0,
				'unchanged'    => $counts[ Acknowledgements::UNCHANGED ] ?? 0,
				'not_found'    => array_keys(
					array_filter(
						$results,
						static function ( string $result ): bool {
							return Acknowledgements::NOT_FOUND === $result;
						}
					)
				),
			)
		);
	}

	/**
	 * The ids, de-duplicated in order, or null when the list is not acceptable.
	 *
	 * @param mixed $raw order_ids.
	 * @return int[]|null
	 */
	private static function order_ids( $raw ): ?array {
		if ( ! is_array( $raw ) || array() === $raw || count( $raw ) > self::MAX_IDS || array_values( $raw ) !== $raw ) {
			return null;
		}
		$ids = array();
		foreach ( $raw as $id ) {
			if ( is_string( $id ) && preg_match( '/^[1-9][0-9]{0,18}$/', $id ) ) {
				$id = (int) $id;
			}
			if ( ! is_int( $id ) || $id <= 0 ) {
				return null;
			}
			$ids[ $id ] = $id;
		}
		return array_values( $ids );
	}

	/**
	 * A 400 with a stable code.
	 *
	 * @param string $code    Code.
	 * @param string $message What to send instead.
	 */
	private static function bad( string $code, string $message ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => 400 ) );
	}
}
