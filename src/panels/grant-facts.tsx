/**
 * A connection's keys (last use) and webhooks (status, last delivery) as rows of a facts list: shared by the
 * connection cards and the block of keys and webhooks made by hand.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { ApiKeySummary, WebhookSummary } from '../api/types';
import { formatTime } from '../components/format';
import { deliveryLabel, webhookStatusLabel } from './webhooks-table';

export function Fact( {
	term,
	value,
	testId,
}: {
	term: string;
	value: string;
	testId?: string;
} ) {
	return (
		<>
			<dt>{ term }</dt>
			<dd data-testid={ testId }>{ value }</dd>
		</>
	);
}

export function GrantFacts( {
	keys,
	webhooks,
	testIdPrefix,
	pluginDelivers = false,
}: {
	keys: ApiKeySummary[];
	webhooks: WebhookSummary[];
	/** e.g. "connection": rows get data-testid connection-key and connection-webhook. */
	testIdPrefix?: string;
	/** The plugin delivers the connection's order changes: its order webhooks are paused on purpose. */
	pluginDelivers?: boolean;
} ) {
	return (
		<>
			{ keys.map( ( key ) => (
				<Fact
					key={ `key-${ key.key_id }` }
					testId={ testIdPrefix && `${ testIdPrefix }-key` }
					term={ sprintf(
						/* translators: %s: last characters of the API key. */
						__( 'Key …%s last used', 'flashnode-connector' ),
						key.truncated_key
					) }
					value={ formatTime( key.last_access_utc ) }
				/>
			) ) }
			{ webhooks.map( ( webhook ) => (
				<Fact
					key={ `webhook-${ webhook.id }` }
					testId={ testIdPrefix && `${ testIdPrefix }-webhook` }
					term={ sprintf(
						/* translators: %s: webhook topic, e.g. order.created. */
						__( 'Webhook %s', 'flashnode-connector' ),
						webhook.topic
					) }
					value={
						pluginDelivers && webhook.topic.startsWith( 'order.' )
							? __(
									'paused: the plugin delivers these changes itself, with retries (Order deliveries below)',
									'flashnode-connector'
								)
							: `${ webhookStatusLabel(
									webhook
								) } · ${ deliveryLabel( webhook ) }`
					}
				/>
			) ) }
		</>
	);
}
