import { Button, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { ConnectionStatus, HealthCall } from '../api/types';
import { useResource } from '../data/use-resource';
import { formatTime } from '../components/format';
import { deliveryLabel } from './webhooks-table';
import { ConnectionHistory, DisconnectButton } from './connection-history';
import { Panel } from '../components/panel';

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
 * Whether the integration service is actually talking to the shop: its last health check, each key's last
 * access, each webhook's last delivery; and what it told the shop about itself (polling interval, addresses).
 * Loaded again by the store whenever another panel changes keys, webhooks or the hand-off.
 */
export function ConnectionPanel() {
	const status = useResource< ConnectionStatus >( '/connection' );
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
			title={ __( 'Connection', 'flashnode-connector' ) }
			testId="connection-panel"
			actions={
				<Button
					variant="secondary"
					onClick={ () => void status.reload() }
					isBusy={ status.loading }
				>
					{ __( 'Refresh', 'flashnode-connector' ) }
				</Button>
			}
		>
			{ ! data && <Spinner /> }
			{ data && (
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
					<dt>
						{ __( 'Connected service', 'flashnode-connector' ) }
					</dt>
					<dd data-testid="service">
						{ data.service
							? sprintf(
									/* translators: 1: service name, 2: host name, 3: time. */
									__(
										'%1$s (%2$s), since %3$s',
										'flashnode-connector'
									),
									data.service.service_name,
									data.service.service_host,
									formatTime( data.service.connected_at_utc )
								)
							: __(
									'not connected through this page yet',
									'flashnode-connector'
								) }
					</dd>
					{ data.service && (
						<dd>
							<DisconnectButton service={ data.service } />
						</dd>
					) }
					<dt>{ __( 'History', 'flashnode-connector' ) }</dt>
					<dd>
						{ data.history.length > 0 ? (
							<ConnectionHistory entries={ data.history } />
						) : (
							__( 'no connects yet', 'flashnode-connector' )
						) }
					</dd>
					<dt>{ __( 'Polling interval', 'flashnode-connector' ) }</dt>
					<dd data-testid="polling-interval">
						{ data.service?.polling_interval_minutes
							? sprintf(
									/* translators: %d: minutes. */
									_n(
										'every %d minute',
										'every %d minutes',
										data.service.polling_interval_minutes,
										'flashnode-connector'
									),
									data.service.polling_interval_minutes
								)
							: __(
									'not reported by the service',
									'flashnode-connector'
								) }
					</dd>
					<dt>
						{ __( 'Service addresses', 'flashnode-connector' ) }
					</dt>
					<dd data-testid="service-addresses">
						{ data.service && data.service.ip_addresses.length > 0
							? data.service.ip_addresses.join( ', ' )
							: __(
									'not reported by the service',
									'flashnode-connector'
								) }
						<br />
						<span className="flashnode-connector__muted">
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
						</span>
					</dd>
					{ data.keys.map( ( key ) => (
						<Fact
							key={ `key-${ key.key_id }` }
							term={ sprintf(
								/* translators: %s: last characters of the API key. */
								__(
									'Key …%s last used',
									'flashnode-connector'
								),
								key.truncated_key
							) }
							value={ formatTime( key.last_access_utc ) }
						/>
					) ) }
					{ data.webhooks.map( ( webhook ) => (
						<Fact
							key={ `webhook-${ webhook.id }` }
							term={ sprintf(
								/* translators: %s: webhook topic, e.g. order.created. */
								__( 'Webhook %s', 'flashnode-connector' ),
								webhook.topic
							) }
							value={ deliveryLabel( webhook ) }
						/>
					) ) }
				</dl>
			) }
		</Panel>
	);
}

function Fact( { term, value }: { term: string; value: string } ) {
	return (
		<>
			<dt>{ term }</dt>
			<dd>{ value }</dd>
		</>
	);
}
