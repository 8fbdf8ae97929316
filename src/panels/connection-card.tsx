import { Notice } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { ConnectionView, FeedConsumer } from '../api/types';
import { formatTime } from '../components/format';
import { DisconnectButton } from './connection-history';
import { Fact, GrantFacts } from './grant-facts';
import { ConnectionRefusals } from './connection-refusals';
import { DeliverySection } from './delivery-section';
import { TooBroad } from './own-user-button';

/**
 * The newest feed read of a connection's keys, and its newest acknowledgement, in one line.
 *
 * @param consumers The connection's feed consumers (one per key).
 */
export function feedReadLabel( consumers: FeedConsumer[] ): string {
	const newest = ( field: 'last_read_gmt' | 'last_ack_gmt' ) =>
		consumers
			.map( ( consumer ) => consumer[ field ] )
			.filter( ( time ): time is string => !! time )
			.sort()
			.pop() ?? null;
	const read = newest( 'last_read_gmt' );
	if ( ! read ) {
		return __( 'never', 'flashnode-connector' );
	}
	const ack = newest( 'last_ack_gmt' );
	return ack
		? sprintf(
				/* translators: 1: time of the last feed read, 2: time of the last acknowledgement. */
				__( '%1$s (last acknowledgement %2$s)', 'flashnode-connector' ),
				formatTime( read ),
				formatTime( ack )
			)
		: formatTime( read );
}

/**
 * One connected service: who it is, the user its key acts as and that user's rights, whether it reads the feed,
 * its keys and webhooks, what it said about itself, the plugin's deliveries to it, and Disconnect.
 *
 * @param props            Component props.
 * @param props.connection The connection (GET /connection's `connections`).
 */
export function ConnectionCard( {
	connection,
}: {
	connection: ConnectionView;
} ) {
	const rights =
		connection.scopes === null
			? __(
					'every right of the administrator who approved it',
					'flashnode-connector'
				)
			: connection.scope_words
					.map( ( scope ) => scope.label )
					.join( ', ' );
	const statuses = connection.transfer_statuses
		.map( ( status ) => status.label )
		.join( ', ' );
	return (
		<section
			className="flashnode-connector__connection"
			data-testid={ `connection-${ connection.id }` }
		>
			<div className="flashnode-connector__connection-head">
				<h4 data-testid="connection-service">
					{ sprintf(
						/* translators: 1: service name, 2: host name. */
						__( '%1$s (%2$s)', 'flashnode-connector' ),
						connection.service_name,
						connection.service_host
					) }
				</h4>
				<DisconnectButton connection={ connection } />
			</div>
			{ connection.broader_than_needed && (
				<Notice
					status="warning"
					isDismissible={ false }
					className="flashnode-connector__notice"
				>
					<TooBroad connection={ connection } />
				</Notice>
			) }
			<dl className="flashnode-connector__facts">
				<dt>{ __( 'Connected since', 'flashnode-connector' ) }</dt>
				<dd data-testid="connection-since">
					{ formatTime( connection.connected_at_utc ) }
				</dd>
				<dt>{ __( 'Its user', 'flashnode-connector' ) }</dt>
				<dd data-testid="connection-user">
					{ connection.user
						? connection.user.login
						: __( 'deleted', 'flashnode-connector' ) }
				</dd>
				<dt>{ __( 'Rights', 'flashnode-connector' ) }</dt>
				<dd data-testid="connection-scopes">{ rights }</dd>
				<dt>{ __( 'Transfers orders', 'flashnode-connector' ) }</dt>
				<dd data-testid="connection-statuses">
					{ connection.follows_shop_statuses
						? sprintf(
								/* translators: %s: order statuses, e.g. "Processing, Completed". */
								__(
									'%s (the shop-wide transfer settings)',
									'flashnode-connector'
								),
								statuses
							)
						: sprintf(
								/* translators: %s: order statuses, e.g. "Processing, Completed". */
								__( '%s (its own)', 'flashnode-connector' ),
								statuses
							) }
				</dd>
				<dt>{ __( 'Last feed read', 'flashnode-connector' ) }</dt>
				<dd data-testid="connection-feed">
					{ feedReadLabel( connection.consumers ) }
				</dd>
				<GrantFacts
					keys={ connection.keys }
					webhooks={ connection.webhooks }
					testIdPrefix="connection"
					pluginDelivers={ connection.delivery_format !== null }
				/>
				{ connection.polling_interval_minutes !== null && (
					<Fact
						testId="polling-interval"
						term={ __( 'Polling interval', 'flashnode-connector' ) }
						value={ sprintf(
							/* translators: %d: minutes. */
							_n(
								'every %d minute',
								'every %d minutes',
								connection.polling_interval_minutes,
								'flashnode-connector'
							),
							connection.polling_interval_minutes
						) }
					/>
				) }
				{ connection.ip_addresses.length > 0 && (
					<Fact
						testId="service-addresses"
						term={ __(
							'Service addresses',
							'flashnode-connector'
						) }
						value={ connection.ip_addresses.join( ', ' ) }
					/>
				) }
			</dl>
			{ connection.delivery_format && (
				<DeliverySection connectionId={ connection.id } />
			) }
			<ConnectionRefusals connection={ connection } />
		</section>
	);
}
