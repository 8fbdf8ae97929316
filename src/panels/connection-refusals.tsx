/**
 * What WooCommerce refused a connected service lately, with the scope that would have allowed it: a service whose
 * rights are too narrow gets a 403, and the owner should hear of it from the shop, not from a support ticket.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { ConnectionView, Refusal } from '../api/types';
import { formatTime } from '../components/format';

/**
 * One refusal in words.
 *
 * @param service The service's name.
 * @param refusal The refusal.
 */
export function refusalLabel( service: string, refusal: Refusal ): string {
	const call = `${ refusal.method } ${ refusal.route }`;
	return refusal.needs
		? sprintf(
				/* translators: 1: service name, 2: the refused call, e.g. "POST /wc/v3/products/12", 3: a scope, e.g. products:write. */
				__(
					'%1$s was refused %2$s: needs %3$s.',
					'flashnode-connector'
				),
				service,
				call,
				refusal.needs
			)
		: sprintf(
				/* translators: 1: service name, 2: the refused call, e.g. "PUT /wc/v3/payment_gateways/bacs". */
				__(
					'%1$s was refused %2$s, which no connection may do.',
					'flashnode-connector'
				),
				service,
				call
			);
}

export function ConnectionRefusals( {
	connection,
}: {
	connection: ConnectionView;
} ) {
	if ( connection.refusals.length === 0 ) {
		return null;
	}
	return (
		<div data-testid="connection-refusals">
			<p>
				{ __(
					"Refused lately (to give more rights, approve the service's connection link again with them):",
					'flashnode-connector'
				) }
			</p>
			<ul>
				{ connection.refusals.map( ( refusal, index ) => (
					<li key={ index }>
						{ formatTime( refusal.at_utc ) }{ ' ' }
						{ refusalLabel( connection.service_name, refusal ) }
					</li>
				) ) }
			</ul>
		</div>
	);
}
