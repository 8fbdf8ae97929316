<?php
/**
 * The webhook topics the owner may choose.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Defined once, here: the page lists them from GET flashnode/v1/webhooks, and POST accepts exactly these.
 */
final class Topics {

	/**
	 * Each topic with its label and whether order integrations need it (those are preselected).
	 *
	 * @return array<int,array{id:string,label:string,recommended:bool}>
	 */
	public static function all(): array {
		return array(
			self::topic( 'order.created', __( 'Order created', 'flashnode-connector' ), true ),
			self::topic( 'order.updated', __( 'Order updated', 'flashnode-connector' ), true ),
			self::topic( 'order.deleted', __( 'Order deleted', 'flashnode-connector' ), false ),
			self::topic( 'product.updated', __( 'Product updated', 'flashnode-connector' ), false ),
		);
	}

	/**
	 * The topic ids.
	 *
	 * @return string[]
	 */
	public static function ids(): array {
		return array_column( self::all(), 'id' );
	}

	/**
	 * The ids of the recommended topics (POST's default).
	 *
	 * @return string[]
	 */
	public static function recommended(): array {
		$ids = array();
		foreach ( self::all() as $topic ) {
			if ( $topic['recommended'] ) {
				$ids[] = $topic['id'];
			}
		}
		return $ids;
	}

	/**
	 * One topic.
	 *
	 * @param string $id          WooCommerce's topic, e.g. order.created.
	 * @param string $label       Shown next to its checkbox.
	 * @param bool   $recommended Whether order integrations need it.
	 * @return array{id:string,label:string,recommended:bool}
	 */
	private static function topic( string $id, string $label, bool $recommended ): array {
		return array(
			'id'          => $id,
			'label'       => $label,
			'recommended' => $recommended,
		);
	}
}
