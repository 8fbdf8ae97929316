import { Button, Spinner } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';

import type { ConnectionStatus, HealthCall } from '../api/types';
import { store } from '../data/store';
import { useResource } from '../data/use-resource';
import { formatTime } from '../components/format';
import { Panel } from '../components/panel';
import { ConnectionCard } from './connection-card';
import { ConnectionHistory } from './connection-history';
import { DELIVERIES } from './delivery-section';
import { ManualGrants } from './manual-grants';

/**
 * A health-endpoint call in one line.
 *
 * @param call The logged call.
 */
export function describeCall( call: HealthCall | null ): string {
	if ( ! call ) {
		return __( 'never', 'flashnode-connector' );
	}
	return sprintf(
		/* translators: 1: time, 2: IP address, 3: HTTP status, 4: outcome code. */
		__( '%1$s from %2$s (HTTP %3$d, %4$s)', 'flashnode-connector' ),
		formatTime( call.time ),
		call.ip || '?',
		call.status,
		call.outcome
	);
}

/**
 * Every connected service, one card each (its user and rights, whether it reads the feed, its keys and webhooks,
 * Disconnect), and whether the integration servers are actually talking to the shop: the last health checks and
 * where they came from, and the history of connects and disconnects. Loaded again by the store whenever another
 * panel changes keys, webhooks or a connection.
 */
export function ConnectionPanel() {
	const status = useResource< ConnectionStatus >( '/connection' );
	const { invalidate } = useDispatch( store ) as unknown as {
		invalidate: ( paths: string[] ) => Promise< void >;
	};
	const data = status.data;
	const seenAddresses = data
		? Array.from(
				new Set(
					data.recent_calls.map( ( c ) => c.ip ).filter( Boolean )
				)
			)
		: [];
	return (
		<Panel
			title={ __( 'Connections', 'flashnode-connector' ) }
			testId="connections-panel"
			actions={
				<Button
					variant="secondary"
					onClick={ () =>
						void invalidate( [ '/connection', DELIVERIES ] )
					}
					isBusy={ status.loading }
				>
					{ __( 'Refresh', 'flashnode-connector' ) }
				</Button>
			}
		>
			{ ! data && <Spinner /> }
			{ data && (
				<>
					<dl className="flashnode-connector__facts">
						<dt>
							{ __( 'Last health check', 'flashnode-connector' ) }
						</dt>
						<dd data-testid="last-contact">
							{ describeCall( data.last_contact ) }
						</dd>
						<dt>
							{ __(
								'Last check with a valid key',
								'flashnode-connector'
							) }
						</dt>
						<dd data-testid="last-authenticated-call">
							{ describeCall( data.last_authenticated_call ) }
						</dd>
					</dl>
					<p
						className="flashnode-connector__muted"
						data-testid="seen-addresses"
					>
						{ seenAddresses.length > 0
							? sprintf(
									/* translators: %s: list of IP addresses. */
									__(
										'Recent health checks came from: %s. Allow these in your firewall or staging protection.',
										'flashnode-connector'
									),
									seenAddresses.join( ', ' )
								)
							: __(
									'No health checks received yet.',
									'flashnode-connector'
								) }
					</p>
					<div
						className="flashnode-connector__connections"
						data-testid="connections"
					>
						{ data.connections.length === 0 && (
							<p data-testid="no-connections">
								{ __(
									'No service is connected through this page yet.',
									'flashnode-connector'
								) }
							</p>
						) }
						{ data.connections.map( ( connection ) => (
							<ConnectionCard
								key={ connection.id }
								connection={ connection }
							/>
						) ) }
					</div>
					<ManualGrants status={ data } />
					<dl className="flashnode-connector__facts">
						<dt>{ __( 'History', 'flashnode-connector' ) }</dt>
						<dd>
							{ data.history.length > 0 ? (
								<ConnectionHistory entries={ data.history } />
							) : (
								__( 'no connects yet', 'flashnode-connector' )
							) }
						</dd>
					</dl>
				</>
			) }
		</Panel>
	);
}
