import { Button, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type { Connected } from '../api/types';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { Panel } from '../components/panel';

interface ConnectPanelProps {
	onChanged: () => void;
}

/**
 * "Connect to Flashnode": the owner pastes the connection address the service gave them; the shop creates a
 * key and posts it there over HTTPS. Replaces e-mailing the key and secret to support.
 *
 * @param props           Component props.
 * @param props.onChanged Called after a key was handed over.
 */
export function ConnectPanel( { onChanged }: ConnectPanelProps ) {
	const [ url, setUrl ] = useState( '' );
	const [ connected, setConnected ] = useState<
		Connected[ 'connected' ] | null
	>( null );
	const connect = useAction( async () => {
		setConnected( null );
		const answer = await request< Connected >( '/connection', 'POST', {
			request_id: newRequestId(),
			callback_url: url.trim(),
		} );
		setConnected( answer.connected );
		setUrl( '' );
		onChanged();
	} );

	return (
		<Panel
			title={ __( 'Connect to Flashnode', 'flashnode-connector' ) }
			testId="connect-panel"
		>
			<p>
				{ __(
					'Paste the connection address (it contains a one-time code) that Flashnode or your integration service gave you. The shop creates a Read/Write API key for you and sends it straight to the service over HTTPS: nobody has to e-mail secrets. If the service does not accept it, the key is deleted again.',
					'flashnode-connector'
				) }
			</p>
			<ErrorNotice
				message={ connect.error }
				onDismiss={ connect.clearError }
			/>
			{ connected && (
				<Notice
					status="success"
					isDismissible
					onRemove={ () => setConnected( null ) }
					className="flashnode-connector__notice"
				>
					{ sprintf(
						/* translators: 1: host name of the service, 2: last characters of the API key. */
						__(
							'Connected: %1$s received the API key ending in %2$s.',
							'flashnode-connector'
						),
						connected.service_host,
						connected.truncated_key
					) }
				</Notice>
			) }
			<form
				className="flashnode-connector__form-row"
				onSubmit={ ( event ) => {
					event.preventDefault();
					void connect.run();
				} }
			>
				<TextControl
					label={ __( 'Connection address', 'flashnode-connector' ) }
					type="url"
					placeholder="https://"
					value={ url }
					onChange={ ( value: string ) => setUrl( value ) }
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					data-testid="connection-url"
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
