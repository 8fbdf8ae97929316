import {
	Button,
	CheckboxControl,
	Notice,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type {
	RegisteredWebhooks,
	WebhookSummary,
	WebhooksResponse,
} from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';
import { formatTime } from '../components/format';
import { SecretField } from '../components/secret-field';
import { Panel } from '../components/panel';

/** Topics offered (php/Webhooks/WebhookRegistry::TOPICS); the first two are what order integrations need. */
export const TOPICS: ReadonlyArray< { id: string; label: () => string } > = [
	{
		id: 'order.created',
		label: () => __( 'Order created', 'flashnode-connector' ),
	},
	{
		id: 'order.updated',
		label: () => __( 'Order updated', 'flashnode-connector' ),
	},
	{
		id: 'order.deleted',
		label: () => __( 'Order deleted', 'flashnode-connector' ),
	},
	{
		id: 'product.updated',
		label: () => __( 'Product updated', 'flashnode-connector' ),
	},
];

export function webhookStatusLabel( webhook: WebhookSummary ): string {
	if ( webhook.status === 'active' ) {
		return __( 'Active', 'flashnode-connector' );
	}
	if ( webhook.status === 'paused' ) {
		return __( 'Paused', 'flashnode-connector' );
	}
	return webhook.disabled_by_failures
		? __( 'Disabled after failed deliveries', 'flashnode-connector' )
		: __( 'Disabled', 'flashnode-connector' );
}

export function deliveryLabel( webhook: WebhookSummary ): string {
	const delivery = webhook.last_delivery;
	if ( ! delivery ) {
		return __( 'none yet', 'flashnode-connector' );
	}
	const outcome = delivery.ok
		? sprintf(
				/* translators: %d: HTTP status code. */
				__( 'delivered (HTTP %d)', 'flashnode-connector' ),
				delivery.response_code
			)
		: delivery.error ||
			sprintf(
				/* translators: %d: HTTP status code. */
				__( 'failed (HTTP %d)', 'flashnode-connector' ),
				delivery.response_code
			);
	const kind =
		delivery.kind === 'test'
			? __( 'test', 'flashnode-connector' )
			: __( 'delivery', 'flashnode-connector' );
	return `${ formatTime( delivery.time_utc ) } · ${ kind } · ${ outcome }`;
}

interface WebhooksPanelProps {
	/** Called after any change to the webhooks or their last deliveries (the connection panel shows them too). */
	onChanged: () => void;
}

/**
 * Registers order webhooks through WooCommerce, shows their health, and sends test deliveries.
 *
 * @param props           Component props.
 * @param props.onChanged Called after a change.
 */
export function WebhooksPanel( { onChanged }: WebhooksPanelProps ) {
	const list = useResource< WebhooksResponse >( '/webhooks', 0 );
	const [ url, setUrl ] = useState( '' );
	const [ topics, setTopics ] = useState< string[] >( [
		'order.created',
		'order.updated',
	] );
	const [ secret, setSecret ] = useState< string | null >( null );
	const [ message, setMessage ] = useState< string | null >( null );

	const register = useAction( async () => {
		const answer = await request< RegisteredWebhooks >(
			'/webhooks',
			'POST',
			{
				request_id: newRequestId(),
				delivery_url: url.trim(),
				topics,
			}
		);
		setSecret( answer.secret );
		setMessage(
			answer.created.length === 0
				? __(
						'These webhooks exist already; nothing was added.',
						'flashnode-connector'
					)
				: null
		);
		list.replace( { webhooks: answer.webhooks } );
		onChanged();
	} );
	const act = useAction(
		async ( id: number, action: 'test' | 'enable' | 'delete' ) => {
			setMessage( null );
			try {
				if ( action === 'delete' ) {
					await request( `/webhooks/${ id }`, 'DELETE' );
					await list.reload();
					return;
				}
				const answer = await request< WebhooksResponse >(
					`/webhooks/${ id }/${ action }`,
					'POST'
				);
				list.replace( answer );
				setMessage(
					action === 'test'
						? __(
								'Signed test delivery accepted by the receiver.',
								'flashnode-connector'
							)
						: __( 'Webhook re-enabled.', 'flashnode-connector' )
				);
			} finally {
				// A failed test delivery is recorded too.
				onChanged();
			}
		}
	);
	const toggle = ( topic: string, on: boolean ) =>
		setTopics( ( current ) =>
			on ? [ ...current, topic ] : current.filter( ( t ) => t !== topic )
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
			<ErrorNotice message={ list.error } />
			<ErrorNotice
				message={ register.error || act.error }
				onDismiss={ () => {
					register.clearError();
					act.clearError();
				} }
			/>
			{ message && (
				<Notice
					status="success"
					isDismissible
					onRemove={ () => setMessage( null ) }
					className="flashnode-connector__notice"
				>
					{ message }
				</Notice>
			) }
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
				<TextControl
					label={ __( 'Delivery address', 'flashnode-connector' ) }
					help={ __(
						'The https:// address the integration service gave you for webhooks.',
						'flashnode-connector'
					) }
					type="url"
					placeholder="https://"
					value={ url }
					onChange={ ( value: string ) => setUrl( value ) }
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					data-testid="delivery-url"
				/>
				<fieldset className="flashnode-connector__topics">
					<legend>{ __( 'Events', 'flashnode-connector' ) }</legend>
					{ TOPICS.map( ( topic ) => (
						<CheckboxControl
							key={ topic.id }
							label={ topic.label() }
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
				<p data-testid="send-test-help">
					{ __(
						'Send test posts what a real delivery of the webhook would: the newest order (or product) of the shop as JSON, signed with the secret, with WooCommerce’s X-WC-Webhook-* headers, plus the header X-Flashnode-Test: 1 so the service can tell it is a test and not act on it. A shop without orders yet sends a small signed sample instead.',
						'flashnode-connector'
					) }
				</p>
			) }
			{ list.data && list.data.webhooks.length > 0 && (
				<table className="widefat striped" data-testid="webhooks-table">
					<thead>
						<tr>
							<th>{ __( 'Name', 'flashnode-connector' ) }</th>
							<th>{ __( 'Status', 'flashnode-connector' ) }</th>
							<th>{ __( 'Failures', 'flashnode-connector' ) }</th>
							<th>
								{ __( 'Last delivery', 'flashnode-connector' ) }
							</th>
							<th></th>
						</tr>
					</thead>
					<tbody>
						{ list.data.webhooks.map( ( webhook ) => (
							<tr
								key={ webhook.id }
								data-testid={ `webhook-${ webhook.topic }` }
							>
								<td>
									{ webhook.name }
									<br />
									<code>{ webhook.delivery_url }</code>
								</td>
								<td data-testid="webhook-status">
									{ webhookStatusLabel( webhook ) }
								</td>
								<td>{ webhook.failure_count }</td>
								<td data-testid="webhook-last-delivery">
									{ deliveryLabel( webhook ) }
								</td>
								<td className="flashnode-connector__row-actions">
									<Button
										variant="secondary"
										onClick={ () =>
											void act.run( webhook.id, 'test' )
										}
										disabled={ act.busy }
									>
										{ __(
											'Send test',
											'flashnode-connector'
										) }
									</Button>
									{ webhook.status !== 'active' && (
										<Button
											variant="secondary"
											onClick={ () =>
												void act.run(
													webhook.id,
													'enable'
												)
											}
											disabled={ act.busy }
										>
											{ __(
												'Re-enable',
												'flashnode-connector'
											) }
										</Button>
									) }
									<ConfirmButton
										label={ __(
											'Delete',
											'flashnode-connector'
										) }
										question={ __(
											'Delete this webhook? WooCommerce stops sending these events to the service.',
											'flashnode-connector'
										) }
										confirmLabel={ __(
											'Delete webhook',
											'flashnode-connector'
										) }
										onConfirm={ () =>
											void act.run( webhook.id, 'delete' )
										}
										busy={ act.busy }
										destructive
									/>
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
		</Panel>
	);
}
