<?php
/**
 * The plugin's section in Tools > Site Health > Info.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the connection facts support asks for (ConnectionFacts) to the debug information WordPress shows and
 * copies to the clipboard ("Copy site info to clipboard").
 */
final class SiteHealthInfo {

	/** Section id in the debug information. */
	public const SECTION = 'flashnode-connector';

	/**
	 * The debug_information filter.
	 *
	 * @param mixed $info Sections so far.
	 * @return mixed
	 */
	public static function add_section( $info ) {
		if ( ! is_array( $info ) ) {
			return $info;
		}
		$fields = array();
		foreach ( ConnectionFacts::all() as $id => $fact ) {
			$fields[ $id ] = array(
				'label' => $fact['label'],
				'value' => $fact['value'],
			);
		}
		$info[ self::SECTION ] = array(
			'label'       => __( 'Flashnode Connector', 'flashnode-connector' ),
			'description' => __( 'The connection to the order-integration service, from what the plugin has stored. API keys appear by their last 7 characters only.', 'flashnode-connector' ),
			'fields'      => $fields,
		);
		return $info;
	}
}
