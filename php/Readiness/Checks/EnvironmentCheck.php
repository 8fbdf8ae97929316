<?php
/**
 * WordPress, WooCommerce and PHP against the supported range.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * Versions below the supported minimums.
 */
final class EnvironmentCheck implements Check {

	/** Minimum versions the plugin and the integrations are tested with. */
	private const MINIMUMS = array(
		'WordPress'   => '6.1',
		'WooCommerce' => FLASHNODE_CONNECTOR_MIN_WC_VERSION,
		'PHP'         => '7.4',
	);

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'environment';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'WordPress, WooCommerce and PHP versions', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * Versions change with updates, which deactivate and activate plugins or take minutes anyway.
	 */
	public function stale_on(): array {
		return array();
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: versions are read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$versions = array(
			'WordPress'   => (string) get_bloginfo( 'version' ),
			'WooCommerce' => defined( 'WC_VERSION' ) ? (string) constant( 'WC_VERSION' ) : '0',
			'PHP'         => PHP_VERSION,
		);
		$details  = array(
			'wordpress_version'   => $versions['WordPress'],
			'woocommerce_version' => $versions['WooCommerce'],
			'php_version'         => $versions['PHP'],
		);
		$too_old  = array();
		foreach ( self::MINIMUMS as $name => $minimum ) {
			if ( version_compare( $versions[ $name ], $minimum, '<' ) ) {
				/* translators: 1: software name, 2: installed version, 3: minimum version. */
				$too_old[] = sprintf( __( '%1$s %2$s (needs %3$s or newer)', 'flashnode-connector' ), $name, $versions[ $name ], $minimum );
			}
		}
		if ( array() !== $too_old ) {
			return CheckResult::error(
				/* translators: %s: list of outdated software. */
				sprintf( __( 'Outdated: %s.', 'flashnode-connector' ), implode( ', ', $too_old ) ),
				__( 'The integration and this plugin are tested only with supported versions; older ones miss REST API fields and security fixes.', 'flashnode-connector' ),
				__( 'Update the software named above (your host can update PHP).', 'flashnode-connector' ),
				$details
			);
		}
		return CheckResult::ok(
			/* translators: 1: WordPress version, 2: WooCommerce version, 3: PHP version. */
			sprintf( __( 'WordPress %1$s, WooCommerce %2$s and PHP %3$s are supported.', 'flashnode-connector' ), $versions['WordPress'], $versions['WooCommerce'], $versions['PHP'] ),
			$details
		);
	}
}
