import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { ApiKeySummary } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { formatTime, permissionsLabel } from '../components/format';

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

interface KeysTableProps {
	keys: ApiKeySummary[];
	onRevoke: ( keyId: number ) => void;
	busy: boolean;
}

/**
 * The plugin's keys: owner (flagged when the key no longer works for it), permissions, last access, revoke.
 *
 * @param props          Component props.
 * @param props.keys     The keys.
 * @param props.onRevoke Revokes one, after confirmation.
 * @param props.busy     Whether a revocation is under way.
 */
export function KeysTable( { keys, onRevoke, busy }: KeysTableProps ) {
	return (
		<table className="widefat striped" data-testid="keys-table">
			<thead>
				<tr>
					<th>{ __( 'Key ending in', 'flashnode-connector' ) }</th>
					<th>{ __( 'Description', 'flashnode-connector' ) }</th>
					<th>{ __( 'User', 'flashnode-connector' ) }</th>
					<th>{ __( 'Permissions', 'flashnode-connector' ) }</th>
					<th>{ __( 'Last access', 'flashnode-connector' ) }</th>
					<th></th>
				</tr>
			</thead>
			<tbody>
				{ keys.map( ( key ) => (
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
								label={ __( 'Revoke', 'flashnode-connector' ) }
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
								onConfirm={ () => onRevoke( key.key_id ) }
								busy={ busy }
								destructive
								testId={ `revoke-key-${ key.key_id }` }
							/>
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
