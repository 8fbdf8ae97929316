<?php
/**
 * Whether each connected service acts as a user of its own, with only its scopes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * A connection made by 0.4 (or a key of the owner's) acts as the administrator who approved it: a leaked key could
 * rewrite the bank details customers pay to, and the integration breaks when that person leaves. Nothing is
 * broken, so it is a warning (a recommended Site Health result); approving the service's connection link again, or
 * one click on its card once the service reported a reconnect_url, gives it its own user and revokes the old key
 * after the service accepted the new one.
 */
final class ConnectionsCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'connections';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Connected services', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( Connections::OPTION );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the records are read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$all     = Connections::all();
		$broad   = array();
		$offered = array();
		foreach ( $all as $connection ) {
			if ( Connections::broader_than_needed( $connection ) ) {
				$broad[] = $connection['service_name'];
				// Its service told the shop where to hand a new key: one click on its card (Connection\OwnUser).
				if ( null !== $connection['reconnect_url'] ) {
					$offered[] = $connection['service_name'];
				}
			}
		}
		$details = array(
			'connections'         => count( $all ),
			'broader_than_needed' => $broad,
			'offers_own_user'     => $offered,
		);
		if ( array() !== $broad ) {
			return CheckResult::warning(
				/* translators: %s: comma-separated names of services. */
				sprintf( __( 'These services act as an administrator of this shop: %s.', 'flashnode-connector' ), implode( ', ', $broad ) ),
				__( 'Their API key can do everything the approving administrator can, including changing the payment methods and the bank details customers pay to, and it stops working when that person leaves or loses the role.', 'flashnode-connector' ),
				array() === $offered
					? __( 'Open each service\'s connection link again (or ask the service for a new one) and approve it: the service then gets a user of its own with only the rights it needs, and the old key is revoked once the service has accepted the new one.', 'flashnode-connector' )
					: __( 'In WooCommerce > Settings > Flashnode, click "Give … its own user" on the card of each service that offers it; for the others, open the service\'s connection link again (or ask the service for a new one) and approve it. Either way the service gets a user of its own with only the rights it needs, and the old key is revoked once the service has accepted the new one.', 'flashnode-connector' ),
				$details
			);
		}
		return CheckResult::ok(
			0 === count( $all )
				? __( 'No service is connected through the plugin yet.', 'flashnode-connector' )
				/* translators: %d: number of services. */
				: sprintf( _n( '%d service is connected, with a user of its own and only the rights it needs.', '%d services are connected, each with a user of its own and only the rights it needs.', count( $all ), 'flashnode-connector' ), count( $all ) ),
			$details
		);
	}
}
