import { __, sprintf } from '@wordpress/i18n';

import { request } from '../api/client';
import type { ConnectionView, Disconnected, HistoryEntry } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { formatTime } from '../components/format';
import { useMutation } from '../data/use-mutation';

/**
 * "Disconnect" of one connection: revokes its keys and deletes its webhooks and its own user (DELETE
 * /connection?id=…); the service is told when it gave the shop an address for that.
 *
 * @param props            Component props.
 * @param props.connection The connection.
 */
export function DisconnectButton( {
	connection,
}: {
	connection: ConnectionView;
} ) {
	const disconnect = useMutation(
		() =>
			request< Disconnected >(
				`/connection?id=${ encodeURIComponent( connection.id ) }`,
				'DELETE'
			),
		{
			stale: [ '/connection', '/keys', '/webhooks', '/deliveries' ],
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
					'Disconnect %s? Its API keys are revoked, and its webhooks and its own user are deleted at once; orders stop reaching it.',
					'flashnode-connector'
				),
				connection.service_name
			) }
			confirmLabel={ __( 'Disconnect', 'flashnode-connector' ) }
			onConfirm={ () => void disconnect.run() }
			busy={ disconnect.busy }
			destructive
			testId="disconnect"
		/>
	);
}

function eventLabel( event: HistoryEntry[ 'event' ] ): string {
	switch ( event ) {
		case 'connected':
			return __( 'connected', 'flashnode-connector' );
		case 'reconnected':
			return __( 'approved again', 'flashnode-connector' );
		case 'own_user':
			return __( 'given its own user', 'flashnode-connector' );
		default:
			return __( 'disconnected', 'flashnode-connector' );
	}
}

/**
 * A disconnect's reason and whether the service heard of it, in the reader's language.
 *
 * @param entry The history entry.
 */
export function detailLabel( entry: HistoryEntry ): string {
	const reasons: Record< string, string > = {
		owner_disconnected: __( 'by the owner', 'flashnode-connector' ),
		plugin_uninstalled: __( 'plugin deleted', 'flashnode-connector' ),
	};
	const reason = reasons[ entry.detail ] ?? entry.detail;
	return entry.notified === false
		? sprintf(
				/* translators: %s: why the service was disconnected, e.g. "by the owner". */
				__( '%s, service not notified', 'flashnode-connector' ),
				reason
			)
		: reason;
}

/**
 * Connects, approvals of a connected service and disconnects, newest first.
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
						/* translators: 1: time, 2: "connected", "approved again" or "disconnected", 3: service name, 4: host name, 5: detail. */
						__(
							'%1$s: %2$s %3$s (%4$s) %5$s',
							'flashnode-connector'
						),
						formatTime( entry.time_utc ),
						eventLabel( entry.event ),
						entry.service_name,
						entry.service_host,
						detailLabel( entry )
					).trim() }
				</li>
			) ) }
		</ul>
	);
}
