<?php
/**
 * Writes a change-log row whenever WooCommerce changes an order.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

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
 * Trash, untrash and delete: see RemovalRecorder.
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
	private static $last_status = array();

	/**
	 * Orders whose current save changes the status.
	 *
	 * @var array<int,bool>
	 */
	private $status_changing = array();

	/**
	 * Hooks in. Called on every request when the table exists (see Plugin).
	 */
	public function register(): void {
		add_action( 'woocommerce_before_order_object_save', array( $this, 'before_save' ) );
		add_action( 'woocommerce_new_order', array( $this, 'created' ), 10, 2 );
		add_action( 'woocommerce_update_order', array( $this, 'updated' ), 10, 2 );
		add_action( 'woocommerce_order_status_changed', array( $this, 'status_changed' ), 10, 4 );
		add_action( 'woocommerce_order_refunded', array( $this, 'refunded' ) );
	}

	/**
	 * Whether recording is suspended (see suppress()).
	 */
	public static function suppressed(): bool {
		return self::$suppressed > 0;
	}

	/**
	 * Notes the status a row just written carries, so that a woocommerce_order_status_changed that follows in the
	 * same request for the same status writes no second row.
	 *
	 * @param int         $order_id Order id.
	 * @param string|null $status   Status.
	 */
	public static function remember_status( int $order_id, ?string $status ): void {
		self::$last_status[ $order_id ] = $status;
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
		if ( array_key_exists( (int) $order_id, self::$last_status ) && self::$last_status[ (int) $order_id ] === $to ) {
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
		self::$last_status[ $order_id ]      = $order->get_status();
		$modified                            = $order->get_date_modified();
		ChangeLog::record( $order_id, $event, $order->get_status(), $modified ? $modified->getTimestamp() : time() );
	}
}
