import { Button, Spinner } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { request } from '../api/client';
import type {
	CheckResult,
	CheckStatus,
	FixOutcome,
	ReadinessReport,
} from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { formatTime } from '../components/format';
import { Panel } from '../components/panel';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';

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
 * Every readiness check with why it matters and how to fix it; one-click fixes ask first. Titles and questions
 * come from the checks and fixes themselves (php/Readiness).
 */
export function ReadinessPanel() {
	const report = useResource< ReadinessReport >( '/readiness' );
	const fresh = ( answer: ReadinessReport ) => ( { '/readiness': answer } );
	const rerun = useMutation(
		() => request< ReadinessReport >( '/readiness?fresh=true' ),
		{ receive: fresh }
	);
	// A fix answers with the fresh report: other checks may change with it (permalinks and the REST API).
	const applyFix = useMutation(
		( fixId: string, undo = false ) =>
			request< FixOutcome >(
				`/readiness/fixes/${ fixId }`,
				undo ? 'DELETE' : 'POST'
			),
		{ receive: ( outcome ) => fresh( outcome.report ) }
	);

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
				<strong>{ result.title }</strong>
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
					question={ result.fix_question ?? '' }
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
					question={ result.undo_question ?? '' }
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
