<?php
/**
 * The plugin's section in WooCommerce > Status (the System Status Report).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Support;

use Flashnode\Connector\Readiness\CheckResult;

defined( 'ABSPATH' ) || exit;

/**
 * Printed in WooCommerce's own table markup: WooCommerce builds the copied text report ("Get system report")
 * from every table.wc_status_table, taking each heading's data-export-label and, per row, the first cell's
 * data-export-label and the third cell's text, with dashicons-yes turned into ✔ and dashicons-warning into ❌.
 * So each check's status and message, and the connection facts, reach support in the text report too.
 */
final class StatusReport {

	/**
	 * The woocommerce_system_status_report action.
	 */
	public static function render(): void {
		$report = CheckedReport::get();
		echo '<table class="wc_status_table widefat" cellspacing="0" id="flashnode-connector-status"><thead><tr>';
		printf( '<th colspan="3" data-export-label="Flashnode Connector"><h2>%s</h2></th>', esc_html__( 'Flashnode Connector', 'flashnode-connector' ) );
		echo '</tr></thead><tbody>';
		$facts = ConnectionFacts::all();
		self::row( 'Version', $facts['version']['label'], '', esc_html( $facts['version']['value'] ) );
		/* translators: 1: overall status, e.g. "Needs action", 2: date and time (UTC). */
		$overall = sprintf( __( '%1$s, checked %2$s', 'flashnode-connector' ), CheckedReport::status_label( $report['status'] ), $report['checked_at'] );
		self::row( 'Readiness', __( 'Readiness checks', 'flashnode-connector' ), '', esc_html( $overall ) );
		foreach ( $report['results'] as $result ) {
			$status = (string) $result['status'];
			self::row(
				'Check ' . (string) $result['id'],
				(string) $result['title'],
				(string) $result['why'],
				self::mark( $status ) . ' ' . esc_html( CheckedReport::status_label( $status ) . ': ' . (string) $result['message'] )
			);
		}
		unset( $facts['version'] );
		foreach ( $facts as $id => $fact ) {
			self::row( ucwords( str_replace( '_', ' ', $id ) ), $fact['label'], '', esc_html( $fact['value'] ) );
		}
		echo '</tbody></table>';
	}

	/**
	 * A row as WooCommerce prints its own: label with its English export label, help tip, value.
	 *
	 * @param string $export_label English label of the text report.
	 * @param string $label        Label in the admin's language.
	 * @param string $help         Help tip (plain text), or empty.
	 * @param string $value_html   Value, already escaped.
	 */
	private static function row( string $export_label, string $label, string $help, string $value_html ): void {
		printf(
			'<tr><td data-export-label="%1$s">%2$s:</td><td class="help">%3$s</td><td>%4$s</td></tr>',
			esc_attr( $export_label ),
			esc_html( $label ),
			'' === $help ? '&nbsp;' : wc_help_tip( $help ), // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- wc_help_tip() escapes.
			$value_html // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by the caller.
		);
	}

	/**
	 * WooCommerce's mark for a status: the text report turns dashicons-yes into ✔ and dashicons-warning into ❌.
	 *
	 * @param string $status A CheckResult status.
	 */
	private static function mark( string $status ): string {
		if ( CheckResult::ERROR === $status || CheckResult::WARNING === $status ) {
			return '<mark class="error"><span class="dashicons dashicons-warning"></span></mark>';
		}
		return '<mark class="yes"><span class="dashicons dashicons-yes"></span></mark>';
	}
}
