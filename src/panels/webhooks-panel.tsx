import {
	Button,
	CheckboxControl,
	Notice,
	Spinner,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type { RegisteredWebhooks, WebhooksResponse } from '../api/types';
import { SecretField } from '../components/secret-field';
import { Panel } from '../components/panel';
import { UrlField } from '../components/url-field';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';
import { WebhooksTable, type WebhookAction } from './webhooks-table';

/** The connection panel shows the webhooks' last deliveries too. */
const STALE = [ '/webhooks', '/connection' ];

/**
 * Registers order webhooks through WooCommerce, shows their health, and sends test deliveries. The topics on
 * offer, and which of them order integrations need, come from the server (php/Webhooks).
 */
export function WebhooksPanel() {
	const list = useResource< WebhooksResponse >( '/webhooks' );
	const [ url, setUrl ] = useState( '' );
	// null until the owner changes the choice: the recommended topics.
	const [ chosen, setChosen ] = useState< string[] | null >( null );
	const [ secret, setSecret ] = useState< string | null >( null );
	const offered = list.data?.topics ?? [];
	const topics =
		chosen ?? offered.filter( ( t ) => t.recommended ).map( ( t ) => t.id );

	const register = useMutation(
		async () => {
			const answer = await request< RegisteredWebhooks >(
				'/webhooks',
				'POST',
				{ request_id: newRequestId(), delivery_url: url.trim(), topics }
			);
			setSecret( answer.secret );
			return answer;
		},
		{
			stale: STALE,
			success: ( answer ) =>
				answer.created.length === 0
					? __(
							'These webhooks exist already; nothing was added.',
							'flashnode-connector'
						)
					: null,
		}
	);
	const act = useMutation(
		async ( id: number, action: WebhookAction ) => {
			await request(
				action === 'delete'
					? `/webhooks/${ id }`
					: `/webhooks/${ id }/${ action }`,
				action === 'delete' ? 'DELETE' : 'POST'
			);
			return action;
		},
		{
			// A failed test delivery is recorded too: the lists reload either way.
			stale: STALE,
			success: ( action ) => {
				if ( action === 'test' ) {
					return __(
						'Signed test delivery accepted by the receiver.',
						'flashnode-connector'
					);
				}
				return action === 'enable'
					? __( 'Webhook re-enabled.', 'flashnode-connector' )
					: __( 'Webhook deleted.', 'flashnode-connector' );
			},
		}
	);
	const toggle = ( topic: string, on: boolean ) =>
		setChosen(
			on ? [ ...topics, topic ] : topics.filter( ( t ) => t !== topic )
		);

	return (
		<Panel
			title={ __( 'Webhooks', 'flashnode-connector' ) }
			testId="webhooks-panel"
		>
			<p>
				{ __(
					'With webhooks WooCommerce pushes each new or changed order to the integration service within seconds, instead of waiting for its next poll. Each delivery is signed (X-WC-Webhook-Signature) with the secret shown when you register them.',
					'flashnode-connector'
				) }
			</p>
			{ secret && (
				<Notice
					status="warning"
					isDismissible
					onRemove={ () => setSecret( null ) }
					className="flashnode-connector__notice"
				>
					<p>
						<strong>
							{ __(
								'Give this secret to the integration service now so it can verify deliveries: it is shown this once.',
								'flashnode-connector'
							) }
						</strong>
					</p>
					<SecretField
						label={ __( 'Webhook secret', 'flashnode-connector' ) }
						value={ secret }
						testId="webhook-secret"
					/>
				</Notice>
			) }
			<form
				onSubmit={ ( event ) => {
					event.preventDefault();
					void register.run();
				} }
			>
				<UrlField
					label={ __( 'Delivery address', 'flashnode-connector' ) }
					help={ __(
						'The https:// address the integration service gave you for webhooks.',
						'flashnode-connector'
					) }
					value={ url }
					onChange={ setUrl }
					testId="delivery-url"
				/>
				<fieldset className="flashnode-connector__topics">
					<legend>{ __( 'Events', 'flashnode-connector' ) }</legend>
					{ offered.map( ( topic ) => (
						<CheckboxControl
							key={ topic.id }
							label={ topic.label }
							checked={ topics.includes( topic.id ) }
							onChange={ ( on: boolean ) =>
								toggle( topic.id, on )
							}
							__nextHasNoMarginBottom
						/>
					) ) }
				</fieldset>
				<Button
					variant="primary"
					type="submit"
					isBusy={ register.busy }
					disabled={
						register.busy ||
						url.trim() === '' ||
						topics.length === 0
					}
				>
					{ __( 'Register webhooks', 'flashnode-connector' ) }
				</Button>
			</form>
			{ list.loading && ! list.data && <Spinner /> }
			{ list.data && list.data.webhooks.length > 0 && (
				<>
					<p data-testid="send-test-help">
						{ __(
							'Send test posts what a real delivery of the webhook would: the newest order (or product) of the shop as JSON, signed with the secret, with WooCommerce’s X-WC-Webhook-* headers, plus the header X-Flashnode-Test: 1 so the service can tell it is a test and not act on it. A shop without orders yet sends a small signed sample instead.',
							'flashnode-connector'
						) }
					</p>
					<WebhooksTable
						webhooks={ list.data.webhooks }
						onAction={ ( id, action ) =>
							void act.run( id, action )
						}
						busy={ act.busy }
					/>
				</>
			) }
		</Panel>
	);
}
