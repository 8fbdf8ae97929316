<?php
/**
 * Writes a change-log row whenever WooCommerce changes an order.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Automattic\WooCommerce\Utilities\OrderUtil;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * Listens to WooCommerce's own order hooks, which fire on HPOS and on posts storage alike (never save_post, which
 * misses HPOS and fires for every post). Runs during checkout, so each change costs one INSERT and nothing else:
 * the order object the hook passes supplies status and modification time.
 *
 * One row per save: a save that changes the status fires woocommerce_update_order (from the data store) and then
 * woocommerce_order_status_changed (from WC_Order::status_transition()). The row is written on the first hook,
 * named 'status_changed' when the save carries a status change (seen in woocommerce_before_order_object_save),
 * and the second hook is then skipped. Copies written by compatibility-mode sync within the same save are
 * skipped the same way. Each later save writes a new row, so the feed never hides a change behind an earlier one.
 *
 * Trash, untrash and delete pass only an id. On posts storage, wp-admin's posts list trashes, restores and deletes
 * orders without WooCommerce's order hooks, so WordPress's post hooks are listened to there as well; a change
 * seen by both hooks is written once.
 */
final class ChangeRecorder {

	/**
	 * Nesting depth of suppress(): while > 0, nothing is recorded.
	 *
	 * @var int
	 */
	private static $suppressed = 0;

	/**
	 * Orders whose current save already has a row (reset when the order's next save starts).
	 *
	 * @var array<int,bool>
	 */
	private $recorded_in_save = array();

	/**
	 * Status of the last row written per order in this request.
	 *
	 * @var array<int,?string>
	 */
	private $last_status = array();

	/**
	 * Orders whose current save changes the status.
	 *
	 * @var array<int,bool>
	 */
	private $status_changing = array();

	/**
	 * "id|event" of trash, untrash and delete rows written in this request.
	 *
	 * @var array<string,bool>
	 */
	private $once = array();

	/**
	 * Ids about to be deleted that are orders (not refunds or other posts).
	 *
	 * @var array<int,bool>
	 */
	private $deleting = array();

	/**
	 * Hooks in. Called on every request when the table exists (see Plugin).
	 */
	public function register(): void {
		add_action( 'woocommerce_before_order_object_save', array( $this, 'before_save' ) );
		add_action( 'woocommerce_new_order', array( $this, 'created' ), 10, 2 );
		add_action( 'woocommerce_update_order', array( $this, 'updated' ), 10, 2 );
		add_action( 'woocommerce_order_status_changed', array( $this, 'status_changed' ), 10, 4 );
		add_action( 'woocommerce_order_refunded', array( $this, 'refunded' ) );
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
	 * Runs a callback without recording its order saves. Used by acknowledgements: the meta they write is not a
	 * change of the order for the consumers, and recording it would hand every acknowledged order back to them.
	 *
	 * @param callable $callback Code that saves orders.
	 * @return mixed What the callback returned.
	 */
	public static function suppress( callable $callback ) {
		++self::$suppressed;
		try {
			return $callback();
		} finally {
			--self::$suppressed;
		}
	}

	/**
	 * A save starts: forget the previous save's row, note whether this one changes the status.
	 *
	 * @param mixed $order Order being saved.
	 */
	public function before_save( $order ): void {
		if ( ! $order instanceof \WC_Order || ! $order->get_id() ) {
			return;
		}
		unset( $this->recorded_in_save[ $order->get_id() ] );
		$this->status_changing[ $order->get_id() ] = array_key_exists( 'status', $order->get_changes() );
	}

	/**
	 * Hook woocommerce_new_order.
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $order    Order (absent when called by the Legacy API).
	 */
	public function created( $order_id, $order = null ): void {
		$this->saved( (int) $order_id, $order, 'created' );
	}

	/**
	 * Hook woocommerce_update_order.
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $order    Order (absent when called by the Legacy API).
	 */
	public function updated( $order_id, $order = null ): void {
		$order_id = (int) $order_id;
		$this->saved( $order_id, $order, empty( $this->status_changing[ $order_id ] ) ? 'updated' : 'status_changed' );
	}

	/**
	 * Hook woocommerce_order_status_changed: only when no row carries the new status yet. Handlers of the
	 * woocommerce_order_status_<to> hooks that run before it may save the order again (stock reduction does),
	 * which starts a new save, so "this save has a row" alone would not catch the repeat.
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $from     Old status.
	 * @param mixed $to       New status.
	 * @param mixed $order    Order.
	 */
	public function status_changed( $order_id, $from = '', $to = '', $order = null ): void {
		if ( array_key_exists( (int) $order_id, $this->last_status ) && $this->last_status[ (int) $order_id ] === $to ) {
			return;
		}
		$this->saved( (int) $order_id, $order, 'status_changed' );
	}

	/**
	 * Hook woocommerce_order_refunded (the parent order's id). Always its own row: refunds are rare, and a partial
	 * refund need not save the parent order at all.
	 *
	 * @param mixed $order_id Order id.
	 */
	public function refunded( $order_id ): void {
		$order = self::$suppressed > 0 ? null : wc_get_order( (int) $order_id );
		if ( $order instanceof \WC_Order ) {
			ChangeLog::record( $order->get_id(), 'refunded', $order->get_status(), time() );
		}
	}

	/**
	 * Hook woocommerce_trash_order (id only; refunds of a trashed order may pass here too).
	 *
	 * @param mixed $order_id Order id.
	 */
	public function trashed( $order_id ): void {
		if ( $this->is_order( (int) $order_id ) ) {
			$this->once( (int) $order_id, 'trashed', 'trash' );
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
			$this->once( (int) $order_id, 'deleted', null );
		}
	}

	/**
	 * Hook trashed_post: posts storage only (with HPOS the post is a placeholder or a sync copy).
	 *
	 * @param mixed $post_id Post id.
	 */
	public function post_trashed( $post_id ): void {
		if ( $this->is_order_post( (int) $post_id ) ) {
			$this->once( (int) $post_id, 'trashed', 'trash' );
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
			$this->once( (int) $post_id, 'untrashed', self::status_name( get_post_status( (int) $post_id ) ?: $previous_status ) );
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
	 * Writes the row of a save, once per save.
	 *
	 * @param int    $order_id Order id.
	 * @param mixed  $order    Order the hook passed, if any.
	 * @param string $event    Event.
	 */
	private function saved( int $order_id, $order, string $event ): void {
		if ( self::$suppressed > 0 || $order_id <= 0 || isset( $this->recorded_in_save[ $order_id ] ) ) {
			return;
		}
		if ( ! $order instanceof \WC_Abstract_Order ) {
			$order = wc_get_order( $order_id ); // Only the Legacy API calls these hooks without the order.
		}
		// Refunds are orders of another type; their parent's 'refunded' row tells the consumer.
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$this->recorded_in_save[ $order_id ] = true;
		$this->last_status[ $order_id ]      = $order->get_status();
		$modified                            = $order->get_date_modified();
		ChangeLog::record( $order_id, $event, $order->get_status(), $modified ? $modified->getTimestamp() : time() );
	}

	/**
	 * Writes a trash, untrash or delete row once per request. Their modification time is now: the order's own date
	 * may not change, and a consumer de-duplicating by (order id, modified time) must still see the event.
	 *
	 * @param int         $order_id Order id.
	 * @param string      $event    Event.
	 * @param string|null $status   Status after the change.
	 */
	private function once( int $order_id, string $event, ?string $status ): void {
		if ( self::$suppressed > 0 || isset( $this->once[ $order_id . '|' . $event ] ) ) {
			return;
		}
		$this->once[ $order_id . '|' . $event ] = true;
		$this->last_status[ $order_id ]         = $status;
		ChangeLog::record( $order_id, $event, $status, time() );
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
