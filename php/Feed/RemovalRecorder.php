<?php
/**
 * Writes a change-log row when an order is trashed, restored or deleted.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * These hooks pass only an id, and refunds of a trashed or deleted order pass through them too, so the type is
 * checked (trash and delete are rare; the lookup is affordable). On posts storage, wp-admin's posts list trashes,
 * restores and deletes orders without WooCommerce's order hooks, so WordPress's post hooks are listened to there
 * as well; a change seen by both is written once per request.
 */
final class RemovalRecorder {

	/**
	 * "id|event" of rows written in this request.
	 *
	 * @var array<string,bool>
	 */
	private $once = array();

	/**
	 * Ids about to be deleted that are orders (after deletion nobody can tell).
	 *
	 * @var array<int,bool>
	 */
	private $deleting = array();

	/**
	 * Hooks in, beside ChangeRecorder (see Plugin).
	 */
	public function register(): void {
		add_action( 'woocommerce_trash_order', array( $this, 'trashed' ) );
		add_action( 'woocommerce_untrash_order', array( $this, 'untrashed' ), 10, 2 );
		add_action( 'woocommerce_before_delete_order', array( $this, 'before_delete' ), 10, 2 );
		add_action( 'woocommerce_delete_order', array( $this, 'deleted' ) );
		add_action( 'trashed_post', array( $this, 'post_trashed' ) );
		add_action( 'untrashed_post', array( $this, 'post_untrashed' ), 10, 2 );
		add_action( 'before_delete_post', array( $this, 'before_delete_post' ) );
		add_action( 'deleted_post', array( $this, 'deleted' ) );
	}

	/**
	 * Hook woocommerce_trash_order (id only; refunds of a trashed order may pass here too).
	 *
	 * @param mixed $order_id Order id.
	 */
	public function trashed( $order_id ): void {
		if ( $this->is_order( (int) $order_id ) ) {
			$this->once( (int) $order_id, 'trashed' );
		}
	}

	/**
	 * Hook woocommerce_untrash_order (HPOS).
	 *
	 * @param mixed $order_id        Order id.
	 * @param mixed $previous_status Status restored.
	 */
	public function untrashed( $order_id, $previous_status = null ): void {
		if ( $this->is_order( (int) $order_id ) ) {
			// Fired before WooCommerce saves the restored status: the storage still says trash.
			$this->once( (int) $order_id, 'untrashed', self::status_name( $previous_status ) );
		}
	}

	/**
	 * Hook woocommerce_before_delete_order: remember that this id is an order (after deletion nobody can tell).
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $order    Order.
	 */
	public function before_delete( $order_id, $order = null ): void {
		if ( $order instanceof \WC_Order ) {
			$this->deleting[ (int) $order_id ] = true;
		}
	}

	/**
	 * Hooks woocommerce_delete_order and deleted_post.
	 *
	 * @param mixed $order_id Order id.
	 */
	public function deleted( $order_id ): void {
		if ( ! empty( $this->deleting[ (int) $order_id ] ) ) {
			$this->once( (int) $order_id, 'deleted' );
		}
	}

	/**
	 * Hook trashed_post: posts storage only (with HPOS the post is a placeholder or a sync copy).
	 *
	 * @param mixed $post_id Post id.
	 */
	public function post_trashed( $post_id ): void {
		if ( $this->is_order_post( (int) $post_id ) ) {
			$this->once( (int) $post_id, 'trashed' );
		}
	}

	/**
	 * Hook untrashed_post.
	 *
	 * @param mixed $post_id         Post id.
	 * @param mixed $previous_status Status before trashing (WordPress ≥ 5.6).
	 */
	public function post_untrashed( $post_id, $previous_status = null ): void {
		if ( $this->is_order_post( (int) $post_id ) ) {
			$this->once( (int) $post_id, 'untrashed' );
		}
	}

	/**
	 * Hook before_delete_post.
	 *
	 * @param mixed $post_id Post id.
	 */
	public function before_delete_post( $post_id ): void {
		if ( $this->is_order_post( (int) $post_id ) ) {
			$this->deleting[ (int) $post_id ] = true;
		}
	}

	/**
	 * Writes a trash, untrash or delete row once per request. Trash and untrash carry the status and modification
	 * time the storage holds after the change, like every save's row (ChangeLog::record_current()); a deletion
	 * has no order left to read, so its time is now and its status unknown.
	 *
	 * @param int         $order_id Order id.
	 * @param string      $event    Event.
	 * @param string|null $status   Status to write instead of the stored one.
	 */
	private function once( int $order_id, string $event, ?string $status = null ): void {
		if ( ChangeRecorder::suppressed() || isset( $this->once[ $order_id . '|' . $event ] ) ) {
			return;
		}
		$this->once[ $order_id . '|' . $event ] = true;
		if ( 'deleted' === $event ) {
			ChangeLog::record( $order_id, $event, null, time() );
			return;
		}
		ChangeLog::record_current( $order_id, $event, $status );
	}

	/**
	 * Whether an id is a shop order (not a refund). Trash and untrash are rare, so the lookup is affordable.
	 *
	 * @param int $order_id Id.
	 */
	private function is_order( int $order_id ): bool {
		return $order_id > 0 && 'shop_order' === OrderUtil::get_order_type( $order_id );
	}

	/**
	 * Whether a post is an order on a shop whose orders live in the posts table.
	 *
	 * @param int $post_id Post id.
	 */
	private function is_order_post( int $post_id ): bool {
		return ! OrderStorage::hpos_enabled() && 'shop_order' === get_post_type( $post_id );
	}

	/**
	 * A status without WooCommerce's "wc-" prefix, or null.
	 *
	 * @param mixed $status Status.
	 */
	private static function status_name( $status ): ?string {
		if ( ! is_string( $status ) || '' === $status ) {
			return null;
		}
		return 'wc-' === substr( $status, 0, 3 ) ? substr( $status, 3 ) : $status;
	}
}
