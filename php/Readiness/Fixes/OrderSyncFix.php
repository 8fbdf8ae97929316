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
	public function question(): string {
		return __( 'Turn on WooCommerce\'s compatibility mode, so the Legacy REST API sees orders? Every order is then written to both storages (saving orders gets somewhat slower, the database larger), and existing orders are copied in the background. You can turn it off again in WooCommerce > Settings > Advanced > Features.', 'flashnode-connector' );
	}

	/**
	 * Only where orders are in HPOS and compatibility mode is off: otherwise there is nothing to do.
	 */
	private function needed(): bool {
		return OrderStorage::hpos_enabled() && ! OrderStorage::sync_enabled();
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! $this->needed() ) {
			return new \WP_Error( 'flashnode_fix_not_needed', __( 'Compatibility mode is already on, or the shop keeps its orders in the posts table: the Legacy REST API can see them without it.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		update_option( OrderStorage::SYNC_OPTION, 'yes' );
		return null;
	}
}
