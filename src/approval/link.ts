/**
 * The approval link a service sends the owner to: …&tab=flashnode&connect=1&service_name=…&callback_url=…
 * Only its known parameters are passed on; the server checks every one of them (php/Connection/Proposal.php).
 */
export const LINK_PARAMS = [
	'service_name',
	'callback_url',
	'return_url',
	'webhook_url',
	'topics',
	'order_statuses',
	'delivery_format',
	'scopes',
] as const;

export type LinkParams = Partial<
	Record< ( typeof LINK_PARAMS )[ number ], string >
>;

/**
 * The link's parameters, or null when the page was not opened through an approval link.
 *
 * @param search window.location.search.
 */
export function approvalLink( search: string ): LinkParams | null {
	const query = new URLSearchParams( search );
	if ( query.get( 'connect' ) !== '1' ) {
		return null;
	}
	const params: LinkParams = {};
	for ( const name of LINK_PARAMS ) {
		const value = query.get( name );
		if ( value !== null ) {
			params[ name ] = value;
		}
	}
	return params;
}

/**
 * The parameters as a query string for GET /connection/proposal.
 *
 * @param params The link's parameters.
 */
export function toQuery( params: LinkParams ): string {
	return (
		'?' +
		new URLSearchParams( params as Record< string, string > ).toString()
	);
}
