<?php
/**
 * Which rows of WooCommerce's tables (API keys, webhooks) the plugin created.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * A list of ids kept in one option that is not autoloaded. The plugin acts only on rows in its lists (lists,
 * revokes, deletes, and removes them on uninstall), so an id lost from a list is a key or webhook nobody
 * manages any more. Two requests can change a list at once (two browser tabs; a hand-off while a key is
 * created by hand), and a plain read-modify-write of the option would let the later write drop the other's id;
 * changes therefore happen under a database lock, on a fresh read.
 */
final class OwnedIds {

	/**
	 * Seconds to wait for another request's change; after that the change goes ahead unlocked rather than fail.
	 */
	private const LOCK_WAIT_SECONDS = 10;

	/**
	 * Option name.
	 *
	 * @var string
	 */
	private $option;

	/**
	 * A list kept in the given option.
	 *
	 * @param string $option Option name.
	 */
	public function __construct( string $option ) {
		$this->option = $option;
	}

	/**
	 * The ids, each once.
	 *
	 * @return int[]
	 */
	public function all(): array {
		return self::normalize( get_option( $this->option, array() ) );
	}

	/**
	 * Adds ids.
	 *
	 * @param int[] $ids Ids of rows the plugin created.
	 */
	public function add( array $ids ): void {
		$this->change(
			static function ( array $current ) use ( $ids ): array {
				return array_merge( $current, $ids );
			}
		);
	}

	/**
	 * Removes ids (rows deleted, here or elsewhere).
	 *
	 * @param int[] $ids Ids.
	 */
	public function remove( array $ids ): void {
		if ( array() === $ids ) {
			return;
		}
		$this->change(
			static function ( array $current ) use ( $ids ): array {
				return array_diff( $current, array_map( 'intval', $ids ) );
			}
		);
	}

	/**
	 * Applies a change to the stored list under a named database lock.
	 *
	 * @param callable $edit Takes the current ids, returns the new ones.
	 */
	private function change( callable $edit ): void {
		global $wpdb;
		$lock = 'flashnode_connector:' . $this->option;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a named lock, no data.
		$locked = '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK( %s, %d )', $lock, self::LOCK_WAIT_SECONDS ) );
		$this->forget_cached_value();
		$current = $this->all();
		$changed = self::normalize( $edit( $current ) );
		if ( $changed !== $current ) {
			update_option( $this->option, $changed, false );
		}
		if ( $locked ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the named lock taken above.
			$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK( %s )', $lock ) );
		}
	}

	/**
	 * Makes the next get_option() read the database: this request's cache may hold a value (or "no such option")
	 * from before another request's change.
	 */
	private function forget_cached_value(): void {
		wp_cache_delete( $this->option, 'options' );
		$missing = wp_cache_get( 'notoptions', 'options' );
		if ( is_array( $missing ) && isset( $missing[ $this->option ] ) ) {
			unset( $missing[ $this->option ] );
			wp_cache_set( 'notoptions', $missing, 'options' );
		}
	}

	/**
	 * Positive integers, each once, in their order.
	 *
	 * @param mixed $ids Stored value.
	 * @return int[]
	 */
	private static function normalize( $ids ): array {
		if ( ! is_array( $ids ) ) {
			return array();
		}
		$ids = array_filter(
			array_map( 'intval', $ids ),
			static function ( int $id ): bool {
				return $id > 0;
			}
		);
		return array_values( array_unique( $ids ) );
	}
}
