import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type { Connected, ConnectionView } from '../api/types';
import { useMutation } from '../data/use-mutation';

/**
 * What the card says of a connection that acts as an administrator, and "Give <service> its own user" when the
 * service told the shop where to send a new key (reconnect_url): one click runs the same hand-off as approving
 * again (POST /connection/own-user), and the old key and webhooks are revoked once the service accepted. Without
 * that address the owner can only open the service's connection link again.
 *
 * @param props            Component props.
 * @param props.connection The connection (broader than needed).
 */
export function TooBroad( { connection }: { connection: ConnectionView } ) {
	const give = useMutation(
		() =>
			request< Connected >( '/connection/own-user', 'POST', {
				request_id: newRequestId(),
				id: connection.id,
			} ),
		{
			stale: [ '/connection', '/keys', '/webhooks' ],
			success: ( { connected } ) =>
				sprintf(
					/* translators: 1: the service's name, 2: the login of its new user. */
					__(
						'%1$s now acts as its own user %2$s; its old key and webhooks were revoked.',
						'flashnode-connector'
					),
					connected.service_name,
					connected.user_login
				),
		}
	);
	if ( ! connection.reconnect_url_known ) {
		return (
			<span data-testid="connection-too-broad">
				{ sprintf(
					/* translators: %s: the service's name. */
					__(
						"%s acts as an administrator: it can change payment and shop settings. Approve the service's connection link again to give it its own user with only the rights it needs.",
						'flashnode-connector'
					),
					connection.service_name
				) }
			</span>
		);
	}
	return (
		<>
			<span data-testid="connection-too-broad">
				{ sprintf(
					/* translators: %s: the service's name. */
					__(
						'%s acts as an administrator: it can change payment and shop settings. Give it a user of its own with only the rights it needs: the service gets a new key, and its old one stops working once the service has accepted it.',
						'flashnode-connector'
					),
					connection.service_name
				) }
			</span>{ ' ' }
			<Button
				variant="primary"
				onClick={ () => void give.run() }
				isBusy={ give.busy }
				disabled={ give.busy }
				data-testid="give-own-user"
			>
				{ sprintf(
					/* translators: %s: the service's name. */
					__( 'Give %s its own user', 'flashnode-connector' ),
					connection.service_name
				) }
			</Button>
		</>
	);
}
