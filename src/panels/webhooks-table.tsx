import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { WebhookSummary } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { formatTime } from '../components/format';

export function webhookStatusLabel( webhook: WebhookSummary ): string {
	if ( webhook.status === 'active' ) {
		return __( 'Active', 'flashnode-connector' );
	}
	if ( webhook.status === 'paused' ) {
		return __( 'Paused', 'flashnode-connector' );
	}
	return webhook.disabled_by_failures
		? __( 'Disabled after failed deliveries', 'flashnode-connector' )
		: __( 'Disabled', 'flashnode-connector' );
}

export function deliveryLabel( webhook: WebhookSummary ): string {
	const delivery = webhook.last_delivery;
	if ( ! delivery ) {
		return __( 'none yet', 'flashnode-connector' );
	}
	const outcome = delivery.ok
		? sprintf(
				/* translators: %d: HTTP status code. */
				__( 'delivered (HTTP %d)', 'flashnode-connector' ),
				delivery.response_code
			)
		: delivery.error ||
			sprintf(
				/* translators: %d: HTTP status code. */
				__( 'failed (HTTP %d)', 'flashnode-connector' ),
				delivery.response_code
			);
	const kind =
		delivery.kind === 'test'
			? __( 'test', 'flashnode-connector' )
			: __( 'delivery', 'flashnode-connector' );
	return `${ formatTime( delivery.time_utc ) } · ${ kind } · ${ outcome }`;
}

export type WebhookAction = 'test' | 'enable' | 'delete';

interface WebhooksTableProps {
	webhooks: WebhookSummary[];
	onAction: ( id: number, action: WebhookAction ) => void;
	busy: boolean;
}

/**
 * The plugin's webhooks: status, failures, last delivery; send a test, re-enable, delete.
 *
 * @param props          Component props.
 * @param props.webhooks The webhooks.
 * @param props.onAction Runs an action on one.
 * @param props.busy     Whether an action is under way.
 */
export function WebhooksTable( {
	webhooks,
	onAction,
	busy,
}: WebhooksTableProps ) {
	return (
		<table className="widefat striped" data-testid="webhooks-table">
			<thead>
				<tr>
					<th>{ __( 'Name', 'flashnode-connector' ) }</th>
					<th>{ __( 'Status', 'flashnode-connector' ) }</th>
					<th>{ __( 'Failures', 'flashnode-connector' ) }</th>
					<th>{ __( 'Last delivery', 'flashnode-connector' ) }</th>
					<th></th>
				</tr>
			</thead>
			<tbody>
				{ webhooks.map( ( webhook ) => (
					<tr
						key={ webhook.id }
						data-testid={ `webhook-${ webhook.topic }` }
					>
						<td>
							{ webhook.name }
							<br />
							<code>{ webhook.delivery_url }</code>
						</td>
						<td data-testid="webhook-status">
							{ webhookStatusLabel( webhook ) }
						</td>
						<td>{ webhook.failure_count }</td>
						<td data-testid="webhook-last-delivery">
							{ deliveryLabel( webhook ) }
						</td>
						<td className="flashnode-connector__row-actions">
							<Button
								variant="secondary"
								onClick={ () => onAction( webhook.id, 'test' ) }
								disabled={ busy }
							>
								{ __( 'Send test', 'flashnode-connector' ) }
							</Button>
							{ webhook.status !== 'active' && (
								<Button
									variant="secondary"
									onClick={ () =>
										onAction( webhook.id, 'enable' )
									}
									disabled={ busy }
								>
									{ __( 'Re-enable', 'flashnode-connector' ) }
								</Button>
							) }
							<ConfirmButton
								label={ __( 'Delete', 'flashnode-connector' ) }
								question={ __(
									'Delete this webhook? WooCommerce stops sending these events to the service.',
									'flashnode-connector'
								) }
								confirmLabel={ __(
									'Delete webhook',
									'flashnode-connector'
								) }
								onConfirm={ () =>
									onAction( webhook.id, 'delete' )
								}
								busy={ busy }
								destructive
							/>
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
