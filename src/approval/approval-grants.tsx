import { CheckboxControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { Proposal } from '../api/types';
import { formatLabel } from '../panels/delivery-words';
import { ScopeChoice } from './scope-choice';

interface ApprovalGrantsProps {
	offer: Proposal;
	/** The shop's order statuses (GET /settings). */
	statusOptions: Array< { id: string; label: string } >;
	statuses: string[];
	onStatuses: ( statuses: string[] ) => void;
	/** The optional scopes ticked. */
	scopes: string[];
	onScopes: ( scopes: string[] ) => void;
	busy: boolean;
}

/**
 * What Approve hands over: the key of the service's own user with its rights (the owner may untick optional
 * ones), the order changes the plugin delivers (retried until received) and other webhooks, and the transfer
 * statuses (the owner may change them).
 *
 * @param props               Component props.
 * @param props.offer         The proposal.
 * @param props.statusOptions The shop's order statuses.
 * @param props.statuses      The statuses ticked.
 * @param props.onStatuses    Gets the new statuses.
 * @param props.scopes        The optional scopes ticked.
 * @param props.onScopes      Gets the new scopes.
 * @param props.busy          While Approve or Deny runs.
 */
export function ApprovalGrants( {
	offer,
	statusOptions,
	statuses,
	onStatuses,
	scopes,
	onScopes,
	busy,
}: ApprovalGrantsProps ) {
	// With a delivery format the plugin delivers the order topics itself; WooCommerce sends only the others.
	const webhookTopics = offer.delivery_format
		? offer.topics.filter( ( topic ) => ! topic.startsWith( 'order.' ) )
		: offer.topics;
	return (
		<>
			<ul
				className="flashnode-connector__grants"
				data-testid="approval-grants"
			>
				<li>
					{ sprintf(
						/* translators: %s: the service's name. */
						__(
							'a REST API key of a WordPress user of its own ("%s", who cannot log in), not yours, holding only these rights:',
							'flashnode-connector'
						),
						offer.service_name
					) }
					<ScopeChoice
						scopes={ offer.scopes }
						chosen={ scopes }
						onChange={ onScopes }
						never={ offer.never }
						disabled={ busy }
					/>
				</li>
				{ offer.webhook_host && offer.delivery_format && (
					<li data-testid="approval-delivery">
						{ sprintf(
							/* translators: 1: host name, 2: a format, e.g. "WooCommerce's webhook format". */
							__(
								'its order changes: this plugin delivers them to %1$s in %2$s, signed with a new secret, and retries each one until %1$s has received it (nothing is dropped);',
								'flashnode-connector'
							),
							offer.webhook_host,
							formatLabel( offer.delivery_format )
						) }
					</li>
				) }
				{ offer.webhook_host && webhookTopics.length > 0 && (
					<li>
						{ sprintf(
							/* translators: 1: comma-separated webhook topics, 2: host name. */
							__(
								'webhooks for %1$s, delivered to %2$s and signed with a new secret;',
								'flashnode-connector'
							),
							webhookTopics.join( ', ' ),
							offer.webhook_host
						) }
					</li>
				) }
				<li>
					{ __(
						'the order statuses that start the transfer (change them here if you like):',
						'flashnode-connector'
					) }
				</li>
			</ul>
			<div data-testid="approval-statuses">
				{ statusOptions.map( ( status ) => (
					<CheckboxControl
						key={ status.id }
						label={ status.label }
						checked={ statuses.includes( status.id ) }
						disabled={ busy }
						onChange={ ( on: boolean ) =>
							onStatuses(
								on
									? [ ...statuses, status.id ]
									: statuses.filter(
											( id ) => id !== status.id
										)
							)
						}
						__nextHasNoMarginBottom
					/>
				) ) }
			</div>
		</>
	);
}
