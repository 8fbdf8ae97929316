import { Button, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { FlowConsumer, OrderFlowNumbers } from '../api/types';
import { formatTime } from '../components/format';
import { Panel } from '../components/panel';
import { useResource } from '../data/use-resource';

/** Stuck orders linked; the route lists up to 20, the rest are counted. */
export const LISTED = 10;

/**
 * "Last read: time by service (key #id)".
 *
 * @param flow The numbers.
 */
export function describeLastRead( flow: OrderFlowNumbers ): string {
	if ( ! flow.last_read ) {
		return __( 'no service has read the feed yet', 'flashnode-connector' );
	}
	return sprintf(
		/* translators: 1: time, 2: service (API key description), 3: API key id. */
		__( '%1$s by %2$s (key #%3$d)', 'flashnode-connector' ),
		formatTime( flow.last_read.at_gmt ),
		flow.last_read.consumer || __( 'unnamed key', 'flashnode-connector' ),
		flow.last_read.key_id
	);
}

/**
 * The feed's lag in words.
 *
 * @param lag Changes not read yet, or null.
 */
export function describeLag( lag: number | null ): string {
	if ( null === lag ) {
		return __(
			'unknown until a service reads the feed',
			'flashnode-connector'
		);
	}
	if ( 0 === lag ) {
		return __( 'none: every change has been read', 'flashnode-connector' );
	}
	return sprintf(
		/* translators: %d: number of changes. */
		_n(
			'%d change not read yet',
			'%d changes not read yet',
			lag,
			'flashnode-connector'
		),
		lag
	);
}

/**
 * One acknowledging service in one line.
 *
 * @param consumer The service.
 */
export function describeConsumer( consumer: FlowConsumer ): string {
	return sprintf(
		/* translators: 1: service, 2: key id, 3: time, 4: time, 5: number of orders. */
		_n(
			'%1$s (key #%2$d): last read %3$s, last acknowledgement %4$s, %5$d order not acknowledged',
			'%1$s (key #%2$d): last read %3$s, last acknowledgement %4$s, %5$d orders not acknowledged',
			consumer.stuck_orders,
			'flashnode-connector'
		),
		consumer.consumer || __( 'unnamed key', 'flashnode-connector' ),
		consumer.key_id,
		formatTime( consumer.last_read ),
		formatTime( consumer.last_ack ),
		consumer.stuck_orders
	);
}

/**
 * Whether orders reach the service: the feed's last read, its lag, and orders in the transfer statuses that no
 * service acknowledged in time (with links to them). Read-only: the service's acknowledgements change it.
 */
export function OrderFlowPanel() {
	const flow = useResource< OrderFlowNumbers >( '/order-flow' );
	const data = flow.data;
	return (
		<Panel
			title={ __( 'Order flow', 'flashnode-connector' ) }
			testId="order-flow-panel"
			actions={
				<Button
					variant="secondary"
					onClick={ () => void flow.reload() }
					isBusy={ flow.loading }
				>
					{ __( 'Refresh', 'flashnode-connector' ) }
				</Button>
			}
		>
			{ ! data && ! flow.error && <Spinner /> }
			{ ! data && flow.error && <p role="alert">{ flow.error }</p> }
			{ data && (
				<dl className="flashnode-connector__facts">
					<dt>{ __( 'Last feed read', 'flashnode-connector' ) }</dt>
					<dd data-testid="last-read">
						{ describeLastRead( data ) }
					</dd>
					<dt>{ __( 'Lag', 'flashnode-connector' ) }</dt>
					<dd data-testid="lag">{ describeLag( data.lag ) }</dd>
					<dt>{ __( 'Stuck orders', 'flashnode-connector' ) }</dt>
					<dd data-testid="stuck-orders">
						<StuckOrders flow={ data } />
					</dd>
					{ data.late_changes > 0 && (
						<>
							<dt>
								{ __( 'Late changes', 'flashnode-connector' ) }
							</dt>
							<dd data-testid="late-changes">
								{ sprintf(
									/* translators: %d: number of order changes. */
									_n(
										'%d order change was saved more than a minute late in the last week; it was sent to services again.',
										'%d order changes were saved more than a minute late in the last week; they were sent to services again.',
										data.late_changes,
										'flashnode-connector'
									),
									data.late_changes
								) }
							</dd>
						</>
					) }
					{ data.consumers.length > 1 && (
						<>
							<dt>
								{ __( 'Per service', 'flashnode-connector' ) }
							</dt>
							<dd>
								<ul data-testid="flow-consumers">
									{ data.consumers.map( ( consumer ) => (
										<li key={ consumer.key_id }>
											{ describeConsumer( consumer ) }
										</li>
									) ) }
								</ul>
							</dd>
						</>
					) }
				</dl>
			) }
		</Panel>
	);
}

/**
 * The stuck orders: count, threshold, links to the first LISTED, "and N more".
 *
 * @param props      Component props.
 * @param props.flow The numbers.
 */
function StuckOrders( { flow }: { flow: OrderFlowNumbers } ) {
	const count = flow.unacknowledged_orders;
	const shown = flow.stuck_orders.slice( 0, LISTED );
	return (
		<>
			<p>
				{ sprintf(
					/* translators: 1: number of orders, 2: minutes, 3: order statuses. */
					_n(
						'%1$d order in the transfer statuses (%3$s) not acknowledged for more than %2$d minutes',
						'%1$d orders in the transfer statuses (%3$s) not acknowledged for more than %2$d minutes',
						count,
						'flashnode-connector'
					),
					count,
					flow.threshold_minutes,
					flow.transfer_statuses.join( ', ' )
				) }
			</p>
			{ shown.length > 0 && (
				<ul>
					{ shown.map( ( order ) => (
						<li key={ order.id }>
							<a href={ order.edit_url }>
								{ sprintf(
									/* translators: 1: order number, 2: status, 3: time. */
									__(
										'Order #%1$s (%2$s, changed %3$s)',
										'flashnode-connector'
									),
									order.number,
									order.status,
									formatTime( order.modified_gmt )
								) }
							</a>
						</li>
					) ) }
				</ul>
			) }
			{ count > shown.length && shown.length > 0 && (
				<p>
					{ sprintf(
						/* translators: %d: number of orders. */
						__( 'and %d more', 'flashnode-connector' ),
						count - shown.length
					) }
				</p>
			) }
		</>
	);
}
