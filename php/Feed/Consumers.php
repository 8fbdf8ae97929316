<?php
/**
 * The services that read the feed and acknowledge orders, one per API key.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * A consumer is an API key: two services on one shop (an ERP and an invoicing app) use two keys, so each
 * tracks its own reads and transfers. Named after the key's description, the name the owner or the connection
 * gave it. One small option, not autoloaded; two consumers writing at the same instant may lose one's "last
 * read" until its next poll, which is harmless for numbers that are only shown.
 */
final class Consumers {

	public const OPTION = 'flashnode_connector_consumers';

	/** A poll that does not move the cursor updates the "last read" time at most this often. */
	private const READ_WRITE_INTERVAL = 60;

	/**
	 * The display name of a key.
	 *
	 * @param array<string,mixed> $key Key row (Integrator\PresentedKey::lookup()).
	 */
	public static function name_of( array $key ): string {
		$description = trim( (string) ( $key['description'] ?? '' ) );
		/* translators: %s: last characters of an API key. */
		return '' !== $description ? $description : sprintf( __( 'API key …%s', 'flashnode-connector' ), (string) ( $key['truncated_key'] ?? '' ) );
	}

	/**
	 * Every consumer seen.
	 *
	 * @return array<int,array{name:string,last_read_cursor:?int,last_read_gmt:?string,last_ack_gmt:?string}>
	 */
	public static function all(): array {
		$stored = get_option( self::OPTION, array() );
		$all    = array();
		foreach ( is_array( $stored ) ? $stored : array() as $key_id => $consumer ) {
			if ( ! is_array( $consumer ) || (int) $key_id <= 0 ) {
				continue;
			}
			$all[ (int) $key_id ] = array(
				'name'             => isset( $consumer['name'] ) ? (string) $consumer['name'] : '',
				'last_read_cursor' => isset( $consumer['last_read_cursor'] ) ? (int) $consumer['last_read_cursor'] : null,
				'last_read_gmt'    => isset( $consumer['last_read_gmt'] ) ? (string) $consumer['last_read_gmt'] : null,
				'last_ack_gmt'     => isset( $consumer['last_ack_gmt'] ) ? (string) $consumer['last_ack_gmt'] : null,
			);
		}
		return $all;
	}

	/**
	 * Notes a feed read.
	 *
	 * @param array<string,mixed> $key    Key row.
	 * @param int                 $cursor The next_cursor answered.
	 */
	public static function read( array $key, int $cursor ): void {
		$all      = self::all();
		$id       = (int) $key['key_id'];
		$previous = $all[ $id ] ?? null;
		if ( null !== $previous && $previous['last_read_cursor'] === $cursor && null !== $previous['last_read_gmt']
			&& strtotime( $previous['last_read_gmt'] ) > time() - self::READ_WRITE_INTERVAL ) {
			return;
		}
		$all[ $id ] = array(
			'name'             => self::name_of( $key ),
			'last_read_cursor' => $cursor,
			'last_read_gmt'    => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'last_ack_gmt'     => $previous['last_ack_gmt'] ?? null,
		);
		update_option( self::OPTION, $all, false );
	}

	/**
	 * Notes an acknowledgement.
	 *
	 * @param array<string,mixed> $key Key row.
	 */
	public static function acknowledged( array $key ): void {
		$all        = self::all();
		$id         = (int) $key['key_id'];
		$all[ $id ] = array(
			'name'             => self::name_of( $key ),
			'last_read_cursor' => $all[ $id ]['last_read_cursor'] ?? null,
			'last_read_gmt'    => $all[ $id ]['last_read_gmt'] ?? null,
			'last_ack_gmt'     => gmdate( 'Y-m-d\TH:i:s\Z' ),
		);
		update_option( self::OPTION, $all, false );
	}
}
