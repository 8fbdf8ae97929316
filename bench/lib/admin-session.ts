/**
 * The shop owner's wp-admin session without a browser, for the push fault run (bench and `npm test` alike): logs
 * in through wp-login.php as the owner does, keeps the cookies, and sends what the admin's pages send — REST calls
 * with WordPress's nonce (`X-WP-Nonce`, as @wordpress/api-fetch does: the approval of a connection link) and the
 * orders list's bulk actions with the list's own nonce (HPOS: `admin.php?page=wc-orders`, `bulk-orders`; posts
 * storage: `edit.php?post_type=shop_order`, `bulk-posts`).
 */
import { request, type HttpResponse } from '../../src/puller/http';
import type { Storage } from '../../tests/e2e/order-storage';
import type { Shop } from '../../tests/e2e/shop';

export class AdminSession {
	private readonly cookies = new Map< string, string >();
	private nonce = '';

	private constructor(
		readonly shop: Shop,
		private readonly ca: string
	) {}

	/**
	 * Logs the shop's admin in (shop.json's user and password) and fetches the REST nonce.
	 *
	 * @param shop The shop.
	 * @param ca   PEM of its certificate authority.
	 */
	static async login( shop: Shop, ca: string ): Promise< AdminSession > {
		const session = new AdminSession( shop, ca );
		session.cookies.set( 'wordpress_test_cookie', 'WP%20Cookie%20check' );
		const form = new URLSearchParams( {
			log: shop.user,
			pwd: shop.password,
			'wp-submit': 'Log In',
			redirect_to: `${ shop.url }/wp-admin/`,
			testcookie: '1',
		} );
		const login = await session.send(
			'POST',
			'/wp-login.php',
			form.toString(),
			{
				'Content-Type': 'application/x-www-form-urlencoded',
			}
		);
		if ( login.status !== 302 || ! session.loggedIn() ) {
			throw new Error(
				`wp-login.php: HTTP ${ login.status }, not logged in`
			);
		}
		const nonce = await session.send(
			'GET',
			'/wp-admin/admin-ajax.php?action=rest-nonce'
		);
		if ( ! /^[0-9a-f]{10}$/.test( nonce.body ) ) {
			throw new Error(
				`no REST nonce: HTTP ${ nonce.status } ${ nonce.body.slice( 0, 100 ) }`
			);
		}
		session.nonce = nonce.body;
		return session;
	}

	private loggedIn(): boolean {
		return [ ...this.cookies.keys() ].some( ( name ) =>
			name.startsWith( 'wordpress_logged_in_' )
		);
	}

	/**
	 * One request with the session's cookies; keeps the cookies the answer sets.
	 *
	 * @param method  HTTP method.
	 * @param path    Path and query.
	 * @param body    Body as sent.
	 * @param headers More headers.
	 */
	async send(
		method: string,
		path: string,
		body?: string,
		headers: Record< string, string > = {}
	): Promise< HttpResponse > {
		const response = await request( this.shop.url + path, {
			method,
			body,
			ca: this.ca,
			timeoutMs: 60_000,
			headers: {
				Cookie: [ ...this.cookies ]
					.map( ( [ name, value ] ) => `${ name }=${ value }` )
					.join( '; ' ),
				...headers,
			},
		} );
		const set = response.headers[ 'set-cookie' ];
		for ( const line of Array.isArray( set ) ? set : [] ) {
			const [ pair ] = line.split( ';' );
			const at = pair.indexOf( '=' );
			this.cookies.set( pair.slice( 0, at ), pair.slice( at + 1 ) );
		}
		return response;
	}

	/**
	 * A REST call as the admin's page makes it (cookies and nonce); its JSON answer, or an error naming the call.
	 *
	 * @param method HTTP method.
	 * @param path   Path under the site, e.g. /wp-json/flashnode/v1/connection.
	 * @param body   JSON body.
	 */
	async rest( method: string, path: string, body?: unknown ): Promise< any > {
		const response = await this.send(
			method,
			path,
			body === undefined ? undefined : JSON.stringify( body ),
			{ 'Content-Type': 'application/json', 'X-WP-Nonce': this.nonce }
		);
		if ( response.status < 200 || response.status > 299 ) {
			throw new Error(
				`${ method } ${ path }: HTTP ${ response.status } ${ response.body.slice( 0, 300 ) }`
			);
		}
		return JSON.parse( response.body );
	}

	/**
	 * The orders list's bulk action (e.g. mark_completed, mark_on-hold) on some orders, as the list's "Apply" sends
	 * it. Resolves with WooCommerce's count of changed orders from the redirect (changed=N).
	 *
	 * @param storage The shop's order storage (which list page).
	 * @param action  The bulk action.
	 * @param ids     Order ids.
	 */
	async bulkAction(
		storage: Storage,
		action: string,
		ids: number[]
	): Promise< number > {
		const list =
			storage === 'hpos'
				? { page: '/wp-admin/admin.php?page=wc-orders', field: 'id' }
				: {
						page: '/wp-admin/edit.php?post_type=shop_order',
						field: 'post',
					};
		const page = await this.send( 'GET', list.page );
		const nonce = /name="_wpnonce" value="([0-9a-f]+)"/.exec(
			page.body
		)?.[ 1 ];
		if ( ! nonce ) {
			throw new Error(
				`${ list.page }: HTTP ${ page.status }, no bulk-action nonce`
			);
		}
		const query = new URLSearchParams( { action, _wpnonce: nonce } );
		ids.forEach( ( id ) =>
			query.append( `${ list.field }[]`, String( id ) )
		);
		const done = await this.send(
			'GET',
			`${ list.page }&${ query }`,
			undefined,
			{
				Referer: this.shop.url + list.page,
			}
		);
		const location = String( done.headers.location ?? '' );
		if ( done.status !== 302 || ! /changed=\d+/.test( location ) ) {
			throw new Error(
				`bulk ${ action }: HTTP ${ done.status } ${ location || done.body.slice( 0, 200 ) }`
			);
		}
		return Number( /changed=(\d+)/.exec( location )?.[ 1 ] );
	}
}
