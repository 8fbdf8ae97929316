import { __ } from '@wordpress/i18n';

import type { ConnectionStatus } from '../api/types';
import { GrantFacts } from './grant-facts';

/**
 * The keys and webhooks made by hand in the API keys and Webhooks panels: they belong to no connection, so
 * Disconnect leaves them alone; their last use is shown here with the connections'.
 *
 * @param props        Component props.
 * @param props.status GET /connection's answer.
 */
export function ManualGrants( { status }: { status: ConnectionStatus } ) {
	const keyIds = status.connections.flatMap( ( c ) => c.key_ids );
	const webhookIds = status.connections.flatMap( ( c ) => c.webhook_ids );
	const keys = status.keys.filter( ( k ) => ! keyIds.includes( k.key_id ) );
	const webhooks = status.webhooks.filter(
		( w ) => ! webhookIds.includes( w.id )
	);
	if ( keys.length === 0 && webhooks.length === 0 ) {
		return null;
	}
	return (
		<section
			className="flashnode-connector__connection"
			data-testid="manual-grants"
		>
			<h4>
				{ __(
					'Keys and webhooks made on this page',
					'flashnode-connector'
				) }
			</h4>
			<dl className="flashnode-connector__facts">
				<GrantFacts keys={ keys } webhooks={ webhooks } />
			</dl>
		</section>
	);
}
