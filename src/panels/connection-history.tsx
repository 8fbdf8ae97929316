import { __, sprintf } from '@wordpress/i18n';

import { request } from '../api/client';
import type { Disconnected, HistoryEntry, ServiceInfo } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { formatTime } from '../components/format';
import { useMutation } from '../data/use-mutation';

/**
 * "Disconnect": revokes the connection's key and deletes its webhooks (DELETE /connection); the service is told
 * when it gave the shop an address for that.
 *
 * @param props         Component props.
 * @param props.service The connected service.
 */
export function DisconnectButton( { service }: { service: ServiceInfo } ) {
	const disconnect = useMutation(
		() => request< Disconnected >( '/connection', 'DELETE' ),
		{
			stale: [ '/connection', '/keys', '/webhooks' ],
			success: ( { disconnected } ) =>
				disconnected.notified
					? sprintf(
							/* translators: %s: the service's name. */
							__(
								'Disconnected from %s; the service was notified.',
								'flashnode-connector'
							),
							disconnected.service_name
						)
					: sprintf(
							/* translators: %s: the service's name. */
							__(
								'Disconnected from %s. The service gave no address to notify: tell it yourself if needed.',
								'flashnode-connector'
							),
							disconnected.service_name
						),
		}
	);
	return (
		<ConfirmButton
			label={ __( 'Disconnect', 'flashnode-connector' ) }
			question={ sprintf(
				/* translators: %s: the service's name. */
				__(
					'Disconnect %s? Its API key is revoked and its webhooks are deleted at once; orders stop reaching it.',
					'flashnode-connector'
				),
				service.service_name
			) }
			confirmLabel={ __( 'Disconnect', 'flashnode-connector' ) }
			onConfirm={ () => void disconnect.run() }
			busy={ disconnect.busy }
			destructive
			testId="disconnect"
		/>
	);
}

/**
 * Connects and disconnects, newest first.
 *
 * @param props         Component props.
 * @param props.entries The history.
 */
export function ConnectionHistory( { entries }: { entries: HistoryEntry[] } ) {
	if ( entries.length === 0 ) {
		return null;
	}
	return (
		<ul
			className="flashnode-connector__history"
			data-testid="connection-history"
		>
			{ entries.map( ( entry, index ) => (
				<li key={ index }>
					{ sprintf(
						/* translators: 1: time, 2: "Connected" or "Disconnected", 3: service name, 4: host name, 5: detail. */
						__(
							'%1$s: %2$s %3$s (%4$s) %5$s',
							'flashnode-connector'
						),
						formatTime( entry.time_utc ),
						entry.event === 'connected'
							? __( 'connected', 'flashnode-connector' )
							: __( 'disconnected', 'flashnode-connector' ),
						entry.service_name,
						entry.service_host,
						entry.detail
					).trim() }
				</li>
			) ) }
		</ul>
	);
}
