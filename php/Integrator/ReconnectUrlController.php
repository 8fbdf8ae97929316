<?php
/**
 * PUT /wp-json/wc-flashnode/v1/connection — a connected service tells the shop its reconnect_url.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\OwnUser;
use Flashnode\Connector\Http\OutboundUrl;

defined( 'ABSPATH' ) || exit;

/**
 * A service may answer the hand-off with a reconnect_url; a connection made before that existed (0.4, acting as the
 * administrator) never did. With this route the service reports it with the key it already has, and the owner
 * can then give the service its own user in one click (Connection\OwnUser). The key names the connection: a
 * service can only change its own record, and a key made by hand belongs to none. The address passes the same
 * checks as every address the shop POSTs to.
 */
final class ReconnectUrlController extends KeyController {

	/**
	 * The route below the namespace.
	 *
	 * @var string
	 */
	protected $rest_base = 'connection';

	/**
	 * The connection of the key that passed (refusal() found it).
	 *
	 * @var array<string,mixed>|null
	 */
	private $connection;

	/**
	 * {@inheritDoc}
	 */
	protected function method(): string {
		return 'PUT';
	}

	/**
	 * {@inheritDoc}
	 */
	protected function code_prefix(): string {
		return KeyRefusals::CONNECTION;
	}

	/**
	 * A key with write permission: the record changes.
	 */
	protected function needs(): string {
		return 'write';
	}

	/**
	 * A key that belongs to a connection.
	 *
	 * @param array<string,mixed> $key The key that arrived.
	 */
	protected function refusal( array $key ): ?\WP_Error {
		$this->connection = Connections::for_key( (int) $key['key_id'] );
		if ( null === $this->connection ) {
			return new \WP_Error( 'flashnode_connection_not_found', __( 'This API key belongs to no connection: only a key handed over by the shop\'s connection hand-off can report a reconnect_url.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		return null;
	}

	/**
	 * What the shop now knows.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	protected function answer_properties(): array {
		return array(
			'connection'          => self::field( 'string', 'The id of the connection the key belongs to.' ),
			'service_name'        => self::field( 'string', 'The service\'s name on the shop\'s page.' ),
			'reconnect_url_known' => self::field( 'boolean', 'Always true: the address was stored.' ),
			'broader_than_needed' => self::field( 'boolean', 'Whether the connection acts with more rights than scopes; then the owner may give it its own user, which POSTs a new hand-off to reconnect_url.' ),
		);
	}

	/**
	 * Stores the address.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function answer( \WP_REST_Request $request ) {
		$body = $request->get_json_params();
		if ( ! is_array( $body ) || ! array_key_exists( 'reconnect_url', $body ) ) {
			return new \WP_Error( 'flashnode_connection_bad_body', __( 'Send a JSON object: {"reconnect_url":"https://…"} with Content-Type: application/json.', 'flashnode-connector' ), array( 'status' => 400 ) );
		}
		$problem = OutboundUrl::problem( $body['reconnect_url'] );
		if ( null !== $problem ) {
			return new \WP_Error(
				'flashnode_connection_bad_reconnect_url',
				/* translators: %s: what is wrong with the address. */
				sprintf( __( 'reconnect_url: %s The shop POSTs a new key there, so it must be an https:// address on a public host.', 'flashnode-connector' ), $problem->get_error_message() ),
				array( 'status' => 400 )
			);
		}
		$url    = (string) $body['reconnect_url'];
		$record = (array) $this->connection;
		OwnUser::remember( $record, $url );
		return new \WP_REST_Response(
			array(
				'connection'          => $record['id'],
				'service_name'        => $record['service_name'],
				'reconnect_url_known' => true,
				'broader_than_needed' => Connections::broader_than_needed( $record ),
			)
		);
	}
}
