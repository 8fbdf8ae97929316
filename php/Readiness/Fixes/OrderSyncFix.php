<?php
/**
 * Turns on HPOS compatibility mode, so the Legacy REST API sees orders.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Readiness\Fix;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * Ticks WooCommerce > Settings > Advanced > Features > "Enable compatibility mode" for the owner, through the
 * same option that screen saves: WooCommerce itself reacts to the change by queueing the copy of existing orders
 * to the posts table (Action Scheduler, in batches). The safe one of the two ways out: switching the integration
 * to REST v3 helps only if the service really switches, which the shop cannot know. Undone in that screen.
 */
final class OrderSyncFix implements Fix {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'order_sync';
	}

	/**
	 * {@inheritDoc}
	 */
	public function check_id(): string {
		return 'legacy_api';
	}

	/**
	 * {@inheritDoc}
	 */
	public function is_possible(): bool {
		return OrderStorage::hpos_enabled() && ! OrderStorage::sync_enabled();
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! $this->is_possible() ) {
			return new \WP_Error( 'flashnode_fix_not_needed', __( 'Compatibility mode is already on, or the shop keeps its orders in the posts table: the Legacy REST API can see them without it.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		update_option( OrderStorage::SYNC_OPTION, 'yes' );
		return null;
	}
}
