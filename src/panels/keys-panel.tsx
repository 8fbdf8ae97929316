import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type {
	ApiKeySummary,
	CreatedKey,
	KeyPermissions,
	KeysResponse,
} from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';
import { formatTime, permissionsLabel } from '../components/format';
import { SecretField } from '../components/secret-field';
import { Panel } from '../components/panel';

interface KeysPanelProps {
	/** Bumped by other panels that create keys (the hand-off). */
	version: number;
	/** Tells the page a key was created or revoked. */
	onChanged: () => void;
}

export function problemLabel( problem: ApiKeySummary[ 'problem' ] ): string {
	switch ( problem ) {
		case 'owner_deleted':
			return __(
				'Its user was deleted: the key no longer works. Revoke it and create a new one.',
				'flashnode-connector'
			);
		case 'owner_lacks_capability':
			return __(
				'Its user can no longer manage WooCommerce: most requests with this key fail. Revoke it and create one for a shop manager or administrator.',
				'flashnode-connector'
			);
		default:
			return '';
	}
}

/**
 * Creates keys for the integration (secrets shown once), lists the plugin's keys and revokes them.
 *
 * @param props           Component props.
 * @param props.version   Reload trigger.
 * @param props.onChanged Called after a change.
 */
export function KeysPanel( { version, onChanged }: KeysPanelProps ) {
	const keys = useResource< KeysResponse >( '/keys', version );
	const [ owner, setOwner ] = useState< number | null >( null );
	const [ permissions, setPermissions ] =
		useState< KeyPermissions >( 'read_write' );
	const [ created, setCreated ] = useState< CreatedKey | null >( null );

	const create = useAction( async () => {
		const answer = await request< { key: CreatedKey } >( '/keys', 'POST', {
			request_id: newRequestId(),
			user_id: owner ?? keys.data?.current_user_id,
			permissions,
		} );
		setCreated( answer.key );
		onChanged();
	} );
	const revoke = useAction( async ( keyId: number ) => {
		await request( `/keys/${ keyId }`, 'DELETE' );
		if ( created?.key_id === keyId ) {
			setCreated( null );
		}
		onChanged();
	} );

	const owners = keys.data?.owners ?? [];
	return (
		<Panel
			title={ __( 'API keys', 'flashnode-connector' ) }
			testId="keys-panel"
		>
			<p>
				{ __(
					'The integration service reads and updates orders with a WooCommerce REST API key. Prefer "Connect to Flashnode" on this page, which hands the key over without e-mail; create one here only if the service asks you to paste it yourself.',
					'flashnode-connector'
				) }
			</p>
			<ErrorNotice message={ keys.error } />
			<ErrorNotice
				message={ create.error || revoke.error }
				onDismiss={ () => {
					create.clearError();
					revoke.clearError();
				} }
			/>
			<div className="flashnode-connector__form-row">
				<SelectControl
					label={ __(
						'User the key acts as',
						'flashnode-connector'
					) }
					value={ String(
						owner ?? keys.data?.current_user_id ?? ''
					) }
					options={ owners.map( ( user ) => ( {
						value: String( user.id ),
						label: `${ user.name } (${ user.login })`,
					} ) ) }
					onChange={ ( value: string ) =>
						setOwner( Number( value ) )
					}
					__nextHasNoMarginBottom
					__next40pxDefaultSize
				/>
				<SelectControl
					label={ __( 'Permissions', 'flashnode-connector' ) }
					value={ permissions }
					options={ [
						{
							value: 'read_write',
							label: permissionsLabel( 'read_write' ),
						},
						{
							value: 'read',
							label: permissionsLabel( 'read' ),
						},
						{
							value: 'write',
							label: permissionsLabel( 'write' ),
						},
					] }
					onChange={ ( value: string ) =>
						setPermissions( value as KeyPermissions )
					}
					__nextHasNoMarginBottom
					__next40pxDefaultSize
				/>
				<Button
					variant="primary"
					onClick={ () => void create.run() }
					isBusy={ create.busy }
					disabled={ create.busy || ! keys.data }
					data-testid="create-key"
				>
					{ __( 'Create key', 'flashnode-connector' ) }
				</Button>
			</div>
			{ created && (
				<Notice
					status="warning"
					isDismissible
					onRemove={ () => setCreated( null ) }
					className="flashnode-connector__notice"
				>
					<p>
						<strong>
							{ __(
								'Copy the key and secret now: they are shown this once and cannot be shown again.',
								'flashnode-connector'
							) }
						</strong>
					</p>
					<SecretField
						label={ __( 'Consumer key', 'flashnode-connector' ) }
						value={ created.consumer_key }
						testId="new-consumer-key"
					/>
					<SecretField
						label={ __( 'Consumer secret', 'flashnode-connector' ) }
						value={ created.consumer_secret }
						testId="new-consumer-secret"
					/>
				</Notice>
			) }
			{ keys.loading && ! keys.data && <Spinner /> }
			{ keys.data && keys.data.keys.length === 0 && (
				<p className="flashnode-connector__muted">
					{ __(
						'Flashnode Connector has created no keys yet.',
						'flashnode-connector'
					) }
				</p>
			) }
			{ keys.data && keys.data.keys.length > 0 && (
				<table className="widefat striped" data-testid="keys-table">
					<thead>
						<tr>
							<th>
								{ __( 'Key ending in', 'flashnode-connector' ) }
							</th>
							<th>
								{ __( 'Description', 'flashnode-connector' ) }
							</th>
							<th>{ __( 'User', 'flashnode-connector' ) }</th>
							<th>
								{ __( 'Permissions', 'flashnode-connector' ) }
							</th>
							<th>
								{ __( 'Last access', 'flashnode-connector' ) }
							</th>
							<th></th>
						</tr>
					</thead>
					<tbody>
						{ keys.data.keys.map( ( key ) => (
							<tr
								key={ key.key_id }
								data-testid={ `key-${ key.key_id }` }
							>
								<td>
									<code>…{ key.truncated_key }</code>
								</td>
								<td>{ key.description }</td>
								<td>
									{ key.user.name || `#${ key.user.id }` }
									{ key.problem && (
										<Notice
											status="error"
											isDismissible={ false }
											className="flashnode-connector__key-problem"
										>
											{ problemLabel( key.problem ) }
										</Notice>
									) }
								</td>
								<td>{ permissionsLabel( key.permissions ) }</td>
								<td>{ formatTime( key.last_access_utc ) }</td>
								<td>
									<ConfirmButton
										label={ __(
											'Revoke',
											'flashnode-connector'
										) }
										question={ sprintf(
											/* translators: %s: last characters of the consumer key. */
											__(
												'Revoke the key ending in %s? Every service using it loses access at once.',
												'flashnode-connector'
											),
											key.truncated_key
										) }
										confirmLabel={ __(
											'Revoke key',
											'flashnode-connector'
										) }
										onConfirm={ () =>
											void revoke.run( key.key_id )
										}
										busy={ revoke.busy }
										destructive
										testId={ `revoke-key-${ key.key_id }` }
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
