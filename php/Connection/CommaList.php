<?php
/**
 * A connection link's list parameters (topics=a,b).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

defined( 'ABSPATH' ) || exit;

/**
 * One reading of "a, b,,a" for every list a link carries (topics, order statuses, scopes).
 */
final class CommaList {

	/**
	 * The items: trimmed, without empty ones and repeats, in the order given.
	 *
	 * @param string $given The parameter.
	 * @return string[]
	 */
	public static function items( string $given ): array {
		return array_values(
			array_unique(
				array_filter(
					array_map( 'trim', explode( ',', $given ) ),
					static function ( string $item ): bool {
						return '' !== $item;
					}
				)
			)
		);
	}
}
