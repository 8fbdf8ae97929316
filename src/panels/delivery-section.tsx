import { Button, Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { request } from '../api/client';
import type {
	DeliveriesResponse,
	DeliveryStatus,
	RetryAnswer,
} from '../api/types';
import { formatTime } from '../components/format';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';
import { Fact } from './grant-facts';
import { DeliveryLog } from './delivery-log';
import {
	deliveryState,
	deliveryStatusLabel,
	formatLabel,
} from './delivery-words';

export const DELIVERIES = '/deliveries';

/**
 * "Retry now": the waiting change is due at once and a batch is queued (POST /deliveries/{id}/retry).
 *
 * @param props          Component props.
 * @param props.delivery The connection's deliveries.
 */
function RetryButton( { delivery }: { delivery: DeliveryStatus } ) {
	const retry = useMutation(
		() =>
			request< RetryAnswer >(
				`${ DELIVERIES }/${ encodeURIComponent(
					delivery.connection_id
				) }/retry`,
				'POST'
			),
		{
			stale: [ DELIVERIES ],
			success: () =>
				sprintf(
					/* translators: %s: the service's name. */
					__(
						'Retrying now: the changes waiting for %s are queued for delivery.',
						'flashnode-connector'
					),
					delivery.service_name
				),
		}
	);
	return (
		<Button
			variant="secondary"
			onClick={ () => void retry.run() }
			isBusy={ retry.busy }
			disabled={ retry.busy }
			data-testid="delivery-retry"
		>
			{ __( 'Retry now', 'flashnode-connector' ) }
		</Button>
	);
}

/**
 * What a connection that receives deliveries gets from the plugin: format and address, where its deliveries
 * stand, its oldest undelivered change, "Retry now" and the log of the last attempts.
 *
 * @param props              Component props.
 * @param props.connectionId The connection.
 */
export function DeliverySection( { connectionId }: { connectionId: string } ) {
	const answer = useResource< DeliveriesResponse >( DELIVERIES );
	if ( ! answer.data ) {
		return answer.loading ? <Spinner /> : null;
	}
	const delivery = answer.data.deliveries.find(
		( item ) => item.connection_id === connectionId
	);
	if ( ! delivery ) {
		return null;
	}
	const state = deliveryState( delivery );
	return (
		<div
			className="flashnode-connector__deliveries"
			data-testid="deliveries"
			data-state={ state }
			data-late={ delivery.late ? 'true' : 'false' }
		>
			<h5>{ __( 'Order deliveries', 'flashnode-connector' ) }</h5>
			{ delivery.late && (
				<Notice
					status="error"
					isDismissible={ false }
					className="flashnode-connector__notice"
				>
					<span data-testid="delivery-late">
						{ __(
							'Late: a change has waited for delivery for more than 15 minutes. Nothing is lost: the plugin keeps every change and keeps retrying.',
							'flashnode-connector'
						) }
					</span>
				</Notice>
			) }
			<dl className="flashnode-connector__facts">
				<Fact
					testId="delivery-format"
					term={ __( 'Format', 'flashnode-connector' ) }
					value={ formatLabel( delivery.format ) }
				/>
				<Fact
					testId="delivery-address"
					term={ __( 'Delivered to', 'flashnode-connector' ) }
					value={ delivery.delivery_urls.join( ', ' ) }
				/>
				<Fact
					testId="delivery-status"
					term={ __( 'Status', 'flashnode-connector' ) }
					value={ deliveryStatusLabel( delivery ) }
				/>
				<Fact
					testId="delivery-oldest"
					term={ __(
						'Oldest undelivered change',
						'flashnode-connector'
					) }
					value={
						delivery.oldest_undelivered_at
							? formatTime( delivery.oldest_undelivered_at )
							: __( 'none', 'flashnode-connector' )
					}
				/>
			</dl>
			<div className="flashnode-connector__actions">
				<RetryButton delivery={ delivery } />
			</div>
			<DeliveryLog
				log={ delivery.log ?? [] }
				orderEditTemplate={ answer.data.order_edit_url }
			/>
		</div>
	);
}
