import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { newRequestId, request } from '../api/client';
import type {
	Connected,
	Proposal,
	Redirect,
	SettingsResponse,
} from '../api/types';
import { formatTime } from '../components/format';
import { Panel } from '../components/panel';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';
import { toQuery, type LinkParams } from './link';
import { ApprovalGrants } from './approval-grants';
import { chosenScopes } from './scope-choice';

interface ApprovalScreenProps {
	link: LinkParams;
	/** Sends the browser back to the service (window.location.assign in the page, a spy in unit tests). */
	navigate?: ( url: string ) => void;
}

/**
 * Shown instead of the panels when a service linked the owner here (…&connect=1&…). It says exactly what Approve
 * grants; opening it changes nothing. Approve creates the service's own user with the scopes the owner left ticked,
 * its key and webhooks, hands them over and saves the statuses in one request (POST /connection/approve, REST
 * nonce); for a service connected already, it replaces that connection's key and webhooks. Deny only sends the
 * owner back.
 *
 * @param props          Component props.
 * @param props.link     The link's parameters.
 * @param props.navigate Where redirects go.
 */
export function ApprovalScreen( {
	link,
	navigate = ( url ) => window.location.assign( url ),
}: ApprovalScreenProps ) {
	const proposal = useResource< { proposal: Proposal } >(
		'/connection/proposal' + toQuery( link )
	);
	const settings = useResource< SettingsResponse >( '/settings' );
	const offer = proposal.data?.proposal ?? null;
	const [ statuses, setStatuses ] = useState< string[] | null >( null );
	const [ scopes, setScopes ] = useState< string[] | null >( null );
	const [ failed, setFailed ] = useState( false );
	useEffect( () => {
		if ( offer && statuses === null ) {
			setStatuses( offer.order_statuses );
		}
		if ( offer && scopes === null ) {
			setScopes( offer.scopes.map( ( scope ) => scope.id ) );
		}
	}, [ offer, statuses, scopes ] );

	const approve = useMutation(
		async () => {
			try {
				return await request< Connected & Redirect >(
					'/connection/approve',
					'POST',
					{
						...link,
						order_statuses: ( statuses ?? [] ).join( ',' ),
						scopes: chosenScopes(
							offer?.scopes ?? [],
							scopes ?? []
						).join( ',' ),
						request_id: newRequestId(),
					}
				);
			} catch ( caught ) {
				setFailed( true );
				throw caught;
			}
		},
		{ stale: [ '/keys', '/connection', '/webhooks', '/settings' ] }
	);
	const deny = useMutation( () =>
		request< Redirect >( '/connection/deny', 'POST', { ...link } )
	);
	const go = async ( answer: Promise< Redirect | undefined > ) => {
		const done = await answer;
		if ( done ) {
			navigate( done.redirect );
		}
	};

	if ( proposal.error ) {
		return (
			<Panel
				title={ __( 'Connection request', 'flashnode-connector' ) }
				testId="approval-screen"
			>
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: why the link cannot be used. */
						__(
							'This connection link cannot be used, so nothing was set up: %s Ask the service for a new link.',
							'flashnode-connector'
						),
						proposal.error
					) }
				</Notice>
			</Panel>
		);
	}
	if ( ! offer || ! settings.data ) {
		return <Spinner />;
	}
	const busy = approve.busy || deny.busy;
	return (
		<Panel
			title={ sprintf(
				/* translators: %s: the service's name. */
				__( 'Connect %s to this shop?', 'flashnode-connector' ),
				offer.service_name
			) }
			testId="approval-screen"
		>
			<p data-testid="approval-service">
				{ sprintf(
					/* translators: 1: service name, 2: host name the data goes to. */
					__(
						'%1$s asks to connect. Approving sends the following to %2$s over HTTPS:',
						'flashnode-connector'
					),
					offer.service_name,
					offer.callback_host
				) }
			</p>
			<ApprovalGrants
				offer={ offer }
				statusOptions={ settings.data.order_statuses }
				statuses={ statuses ?? [] }
				onStatuses={ setStatuses }
				scopes={ scopes ?? [] }
				onScopes={ setScopes }
				busy={ busy }
			/>
			<p className="flashnode-connector__muted">
				{ sprintf(
					/* translators: %s: host name the browser returns to. */
					__(
						'Afterwards you return to %s. You can disconnect at any time on this page.',
						'flashnode-connector'
					),
					offer.return_host
				) }
			</p>
			{ offer.replaces && (
				<Notice
					status="warning"
					isDismissible={ false }
					className="flashnode-connector__notice"
				>
					<span data-testid="approval-replaces">
						{ sprintf(
							/* translators: 1: the service's name, 2: date and time it was connected. */
							__(
								'%1$s is already connected since %2$s; approving again replaces its key and webhooks.',
								'flashnode-connector'
							),
							offer.replaces.service_name,
							formatTime( offer.replaces.connected_at_utc )
						) }
					</span>
				</Notice>
			) }
			<div className="flashnode-connector__form-row">
				<Button
					variant="primary"
					isBusy={ approve.busy }
					disabled={ busy || ( statuses ?? [] ).length === 0 }
					onClick={ () => void go( approve.run() ) }
				>
					{ failed
						? __( 'Try again', 'flashnode-connector' )
						: __( 'Approve', 'flashnode-connector' ) }
				</Button>
				<Button
					variant="secondary"
					isBusy={ deny.busy }
					disabled={ busy }
					onClick={ () => void go( deny.run() ) }
				>
					{ __( 'Deny', 'flashnode-connector' ) }
				</Button>
			</div>
		</Panel>
	);
}
