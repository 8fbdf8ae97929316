import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type { CreatedKey, KeyPermissions, KeysResponse } from '../api/types';
import { permissionsLabel } from '../components/format';
import { SecretField } from '../components/secret-field';
import { Panel } from '../components/panel';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';
import { KeysTable } from './keys-table';

/**
 * Creates keys for the integration (secrets shown once), lists the plugin's keys and revokes them.
 */
export function KeysPanel() {
	const keys = useResource< KeysResponse >( '/keys' );
	const [ owner, setOwner ] = useState< number | null >( null );
	const [ permissions, setPermissions ] =
		useState< KeyPermissions >( 'read_write' );
	const [ created, setCreated ] = useState< CreatedKey | null >( null );
	// The connection panel lists the keys' last access too.
	const stale = [ '/keys', '/connection' ];

	const create = useMutation(
		async () => {
			const answer = await request< { key: CreatedKey } >(
				'/keys',
				'POST',
				{
					request_id: newRequestId(),
					user_id: owner ?? keys.data?.current_user_id,
					permissions,
				}
			);
			setCreated( answer.key );
			return answer;
		},
		{ stale }
	);
	const revoke = useMutation(
		async ( keyId: number ) => {
			await request( `/keys/${ keyId }`, 'DELETE' );
			if ( created?.key_id === keyId ) {
				setCreated( null );
			}
		},
		{
			stale,
			success: () => __( 'Key revoked.', 'flashnode-connector' ),
		}
	);

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
				<KeysTable
					keys={ keys.data.keys }
					onRevoke={ ( keyId ) => void revoke.run( keyId ) }
					busy={ revoke.busy }
				/>
			) }
		</Panel>
	);
}
