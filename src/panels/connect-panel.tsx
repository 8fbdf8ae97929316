import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type { Connected } from '../api/types';
import { Panel } from '../components/panel';
import { UrlField } from '../components/url-field';
import { useMutation } from '../data/use-mutation';

/**
 * "Connect to Flashnode": the owner pastes the connection address the service gave them; the shop creates the
 * service's own user with the default scopes and a key of that user, and posts the key there over HTTPS.
 * Replaces e-mailing the key and secret to support.
 */
export function ConnectPanel() {
	const [ url, setUrl ] = useState( '' );
	const connect = useMutation(
		async () => {
			const answer = await request< Connected >( '/connection', 'POST', {
				request_id: newRequestId(),
				callback_url: url.trim(),
			} );
			setUrl( '' );
			return answer;
		},
		{
			// A refused hand-off deletes its key again, and is logged; connecting a service again revokes its
			// earlier key and webhooks: the lists change either way.
			stale: [ '/keys', '/connection', '/webhooks' ],
			success: ( { connected } ) =>
				connected.replaced
					? sprintf(
							/* translators: 1: host name of the service, 2: last characters of the API key, 3: login of the service's user. */
							__(
								'Connected again: %1$s received a new API key ending in %2$s, of its own user %3$s; its earlier key was revoked.',
								'flashnode-connector'
							),
							connected.service_host,
							connected.truncated_key,
							connected.user_login
						)
					: sprintf(
							/* translators: 1: host name of the service, 2: last characters of the API key, 3: login of the service's user. */
							__(
								'Connected: %1$s received the API key ending in %2$s, of its own user %3$s.',
								'flashnode-connector'
							),
							connected.service_host,
							connected.truncated_key,
							connected.user_login
						),
		}
	);

	return (
		<Panel
			title={ __( 'Connect to Flashnode', 'flashnode-connector' ) }
			testId="connect-panel"
		>
			<p>
				{ __(
					'Paste the connection address (it contains a one-time code) that Flashnode or your integration service gave you. The shop creates a WordPress user for the service that cannot log in and may only read and update orders and read products, and sends an API key of that user straight to the service over HTTPS: nobody has to e-mail secrets. If the service does not accept it, the key and the user are deleted again.',
					'flashnode-connector'
				) }
			</p>
			<form
				className="flashnode-connector__form-row"
				onSubmit={ ( event ) => {
					event.preventDefault();
					void connect.run();
				} }
			>
				<UrlField
					label={ __( 'Connection address', 'flashnode-connector' ) }
					value={ url }
					onChange={ setUrl }
					testId="connection-url"
				/>
				<Button
					variant="primary"
					type="submit"
					isBusy={ connect.busy }
					disabled={ connect.busy || url.trim() === '' }
				>
					{ __( 'Connect', 'flashnode-connector' ) }
				</Button>
			</form>
		</Panel>
	);
}
