/**
 * The reference service's own pages (served by receiver.ts on GET): "Connect your shop", which sends the owner
 * to the shop's approval screen, and the page the shop sends the owner back to.
 */

/** How the reference service names itself on the shop's approval screen. */
export const SERVICE_NAME = 'Reference service';

/**
 * The approval link: the shop's Flashnode tab with connect=1 and what the service asks for.
 *
 * @param shopUrl    The shop's home URL.
 * @param serviceUrl The service's base URL (https://127.0.0.1:<port>).
 * @param code       One-time code in the hand-off address.
 */
export function approvalUrl(
	shopUrl: string,
	serviceUrl: string,
	code: string
): string {
	const link = new URL( `${ shopUrl }/wp-admin/admin.php` );
	link.search = new URLSearchParams( {
		page: 'wc-settings',
		tab: 'flashnode',
		connect: '1',
		service_name: SERVICE_NAME,
		callback_url: `${ serviceUrl }/handoff/${ code }`,
		return_url: `${ serviceUrl }/back`,
		webhook_url: `${ serviceUrl }/hooks`,
		topics: 'order.created,order.updated',
		order_statuses: 'processing',
	} ).toString();
	return link.toString();
}

const html = ( title: string, body: string ) =>
	`<!doctype html><html><head><meta charset="utf-8"><title>${ title }</title></head><body><h1>${ title }</h1>${ body }</body></html>`;

const escape = ( text: string ) =>
	text.replace( /[&<>"']/g, ( c ) => `&#${ c.charCodeAt( 0 ) };` );

export type ServiceAnswer =
	{ status: 200; html: string } | { status: 302; location: string } | null;

/**
 * The answer to a GET, or null (404).
 *
 * @param url        The requested URL.
 * @param serviceUrl The service's base URL.
 */
export function servicePage( url: URL, serviceUrl: string ): ServiceAnswer {
	if ( url.pathname === '/' ) {
		// The owner gives the shop's address; "Connect your shop" builds the approval link from it (GET /connect).
		const shop = escape( url.searchParams.get( 'shop' ) ?? '' );
		return {
			status: 200,
			html: html(
				SERVICE_NAME,
				`<form method="get" action="/connect"><label>Your shop's address <input name="shop" type="url" value="${ shop }"></label>
<button id="connect" type="submit">Connect your shop</button></form>`
			),
		};
	}
	if ( url.pathname === '/connect' ) {
		const shop = ( url.searchParams.get( 'shop' ) ?? '' ).replace(
			/\/+$/,
			''
		);
		if ( ! /^https:\/\/[^/]+/.test( shop ) ) {
			return null;
		}
		const code = Math.random().toString( 36 ).slice( 2 );
		return { status: 302, location: approvalUrl( shop, serviceUrl, code ) };
	}
	if ( url.pathname === '/back' ) {
		const connected = url.searchParams.get( 'success' ) === '1';
		const site = escape( url.searchParams.get( 'site_url' ) ?? '' );
		return {
			status: 200,
			html: html(
				connected ? 'Shop connected' : 'Not connected',
				`<p id="outcome">${
					connected
						? `Connected to ${ site }.`
						: 'The shop did not approve the connection.'
				}</p>`
			),
		};
	}
	return null;
}
