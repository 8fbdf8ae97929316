<?php
/**
 * Admin notice: order changes a connected service has not received for too long.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Delivery\Alerts;
use Flashnode\Connector\Delivery\RetrySchedule;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the late set the delivery tick keeps (one autoloaded option): no query on admin pages.
 */
final class LateDeliveriesNotice {

	/**
	 * Hooks in. Admin requests only.
	 */
	public function register(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	/**
	 * Prints one notice per late connection.
	 */
	public function render(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		foreach ( Alerts::late() as $late ) {
			printf(
				'<div class="notice notice-error flashnode-late-deliveries"><p>%s <a href="%s">%s</a></p></div>',
				esc_html(
					sprintf(
						/* translators: 1: service name, 2: minutes. */
						__( 'Orders are not reaching %1$s: a change has waited for delivery for more than %2$d minutes. The plugin keeps every change and keeps retrying.', 'flashnode-connector' ),
						(string) $late['service_name'],
						(int) round( RetrySchedule::late_after() / MINUTE_IN_SECONDS )
					)
				),
				esc_url( Settings::page_url() ),
				esc_html__( 'See the delivery log', 'flashnode-connector' )
			);
		}
	}
}
