<?php
/**
 * Pretty permalinks.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * "Plain" permalinks break the /wp-json/ and /wc-api/ URLs integrations call.
 */
final class PermalinksCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'permalinks';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Permalinks', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( 'permalink_structure' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the setting is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$structure = (string) get_option( 'permalink_structure', '' );
		if ( '' === $structure ) {
			return CheckResult::error(
				__( 'Permalinks are set to "Plain".', 'flashnode-connector' ),
				__( 'Integrations call /wp-json/… and the Legacy API /wc-api/…; with Plain permalinks those URLs answer 404.', 'flashnode-connector' ),
				__( 'Choose any other structure in Settings > Permalinks, or let the plugin set "Post name".', 'flashnode-connector' ),
				array( 'structure' => '' )
			)->fixable_by( 'permalinks' );
		}
		return CheckResult::ok(
			/* translators: %s: permalink structure, e.g. /%postname%/. */
			sprintf( __( 'Pretty permalinks are on (%s).', 'flashnode-connector' ), $structure ),
			array( 'structure' => $structure )
		);
	}
}
