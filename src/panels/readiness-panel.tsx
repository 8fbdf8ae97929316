import { Button, Spinner } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { request } from '../api/client';
import type {
	CheckResult,
	CheckStatus,
	FixOutcome,
	ReadinessReport,
} from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';
import { formatTime } from '../components/format';
import { Panel } from '../components/panel';

/**
 * Titles of the checks (php/Readiness/Checks), in the owner's words.
 * @param id Check id as the readiness route reports it.
 */
export function checkTitle( id: string ): string {
	const titles: Record< string, string > = {
		environment: __(
			'WordPress, WooCommerce and PHP versions',
			'flashnode-connector'
		),
		permalinks: __( 'Permalinks', 'flashnode-connector' ),
		https: __( 'HTTPS and certificate', 'flashnode-connector' ),
		authorization_header: __(
			'Authorization header (Basic Auth)',
			'flashnode-connector'
		),
		rest_api: __( 'REST API reachable', 'flashnode-connector' ),
		legacy_api: __( 'Legacy REST API', 'flashnode-connector' ),
		scheduler: __( 'Cron and Action Scheduler', 'flashnode-connector' ),
		site_visibility: __(
			'Site reachable from outside',
			'flashnode-connector'
		),
		order_storage: __( 'Order storage (HPOS)', 'flashnode-connector' ),
	};
	return titles[ id ] ?? id;
}

export function statusLabel( status: CheckStatus ): string {
	switch ( status ) {
		case 'ok':
			return __( 'OK', 'flashnode-connector' );
		case 'warning':
			return __( 'Warning', 'flashnode-connector' );
		case 'error':
			return __( 'Needs action', 'flashnode-connector' );
		default:
			return __( 'Not needed', 'flashnode-connector' );
	}
}

/**
 * What each one-click fix changes, for the confirmation dialog.
 * @param fixId Fix id as the readiness route reports it.
 */
function fixQuestion( fixId: string ): string {
	switch ( fixId ) {
		case 'permalinks':
			return __(
				'Switch permalinks to "Post name"? Links to posts and pages change; WordPress redirects the old ones.',
				'flashnode-connector'
			);
		case 'legacy_api':
			return __(
				"Turn on WooCommerce's Legacy REST API (WooCommerce > Settings > Advanced > Legacy API)?",
				'flashnode-connector'
			);
		case 'order_sync':
			return __(
				"Turn on WooCommerce's compatibility mode, so the Legacy REST API sees orders? Every order is then written to both storages (saving orders gets somewhat slower, the database larger), and existing orders are copied in the background. You can turn it off again in WooCommerce > Settings > Advanced > Features.",
				'flashnode-connector'
			);
		case 'authorization_header':
			return __(
				"Add a rule to the site's .htaccess file so the web server passes the Authorization header to WordPress? A copy of the file is kept, and the rule can be removed again here.",
				'flashnode-connector'
			);
		default:
			return __( 'Apply this fix?', 'flashnode-connector' );
	}
}

interface ReadinessPanelProps {
	/** Bumped when settings the checks depend on change. */
	version: number;
}

/**
 * Every readiness check with why it matters and how to fix it; one-click fixes ask first.
 *
 * @param props         Component props.
 * @param props.version Reload trigger.
 */
export function ReadinessPanel( { version }: ReadinessPanelProps ) {
	const report = useResource< ReadinessReport >( '/readiness', version );
	const rerun = useAction( async () => {
		report.replace(
			await request< ReadinessReport >( '/readiness?fresh=true' )
		);
	} );
	const applyFix = useAction( async ( fixId: string, undo = false ) => {
		const outcome = await request< FixOutcome >(
			`/readiness/fixes/${ fixId }`,
			undo ? 'DELETE' : 'POST'
		);
		// Other checks may change with it (e.g. permalinks and the REST API check): run them all again.
		report.replace(
			await request< ReadinessReport >( '/readiness?fresh=true' )
		);
		return outcome;
	} );

	return (
		<Panel
			title={ __( 'Readiness', 'flashnode-connector' ) }
			testId="readiness-panel"
			actions={
				<Button
					variant="secondary"
					onClick={ () => void rerun.run() }
					isBusy={ rerun.busy }
					disabled={ rerun.busy || applyFix.busy }
				>
					{ __( 'Run checks again', 'flashnode-connector' ) }
				</Button>
			}
		>
			<ErrorNotice message={ report.error || rerun.error } />
			<ErrorNotice
				message={ applyFix.error }
				onDismiss={ applyFix.clearError }
			/>
			{ report.loading && ! report.data && <Spinner /> }
			{ report.data && (
				<>
					<p className="flashnode-connector__muted">
						{ __( 'Checked:', 'flashnode-connector' ) }{ ' ' }
						{ formatTime( report.data.checked_at ) }
					</p>
					<ul className="flashnode-connector__checks">
						{ report.data.results.map( ( result ) => (
							<CheckRow
								key={ result.id }
								result={ result }
								fixing={ applyFix.busy }
								onFix={ ( fixId, undo ) =>
									void applyFix.run( fixId, undo )
								}
							/>
						) ) }
					</ul>
				</>
			) }
		</Panel>
	);
}

interface CheckRowProps {
	result: CheckResult;
	fixing: boolean;
	/** Applies a fix, or takes it back when `undo`. */
	onFix: ( fixId: string, undo?: boolean ) => void;
}

function CheckRow( { result, fixing, onFix }: CheckRowProps ) {
	const needsWork = result.status === 'error' || result.status === 'warning';
	return (
		<li
			className={ `flashnode-connector__check is-${ result.status }` }
			data-testid={ `check-${ result.id }` }
			data-status={ result.status }
		>
			<div className="flashnode-connector__check-head">
				<span className="flashnode-connector__badge">
					{ statusLabel( result.status ) }
				</span>
				<strong>{ checkTitle( result.id ) }</strong>
			</div>
			<p>{ result.message }</p>
			{ needsWork && result.why && (
				<p className="flashnode-connector__muted">
					<em>{ __( 'Why it matters:', 'flashnode-connector' ) }</em>{ ' ' }
					{ result.why }
				</p>
			) }
			{ needsWork && result.fix && (
				<p>
					<em>{ __( 'How to fix:', 'flashnode-connector' ) }</em>{ ' ' }
					{ result.fix }
				</p>
			) }
			{ needsWork && result.fix_id && (
				<ConfirmButton
					label={ __( 'Fix it', 'flashnode-connector' ) }
					question={ fixQuestion( result.fix_id ) }
					confirmLabel={ __(
						'Apply the fix',
						'flashnode-connector'
					) }
					onConfirm={ () => onFix( result.fix_id as string ) }
					busy={ fixing }
					variant="primary"
					testId={ `fix-${ result.fix_id }` }
				/>
			) }
			{ result.undo_id && (
				<ConfirmButton
					label={ __( 'Remove the fix', 'flashnode-connector' ) }
					question={ __(
						'Take this fix out again? The setting goes back to how it was before the fix.',
						'flashnode-connector'
					) }
					confirmLabel={ __( 'Remove', 'flashnode-connector' ) }
					onConfirm={ () => onFix( result.undo_id as string, true ) }
					busy={ fixing }
					variant="secondary"
					testId={ `undo-${ result.undo_id }` }
				/>
			) }
		</li>
	);
}
