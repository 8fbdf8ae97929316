/**
 * What an integration server does against a shop: check health anonymously and with its key, then pull
 * the orders of one status modified since its cursor, following WooCommerce's pagination headers.
 */
import { get, header, type HttpOptions, type HttpResponse } from './http';
import { nextCursor, ordersPath, toRestDate, windowStart } from './window';

export interface ProbeOptions {
	url: string;
	key: string;
	secret: string;
	status: string;
	since: Date;
	overlapSeconds: number;
	/** Orders per page (WooCommerce allows 1-100). */
	perPage?: number;
	ca?: string;
}

export interface PulledOrder {
	id: number;
	status: string;
	date_modified_gmt: string;
}

export interface ProbeReport {
	url: string;
	health: {
		anonymous: { status: number; body: unknown };
		authenticated: { status: number; body: unknown };
	};
	orders: {
		status: string;
		modifiedAfter: string;
		pages: number;
		list: PulledOrder[];
		nextCursor: string;
	} | null;
	problems: string[];
	ok: boolean;
}

type Fetch = ( url: string, options?: HttpOptions ) => Promise< HttpResponse >;

function parse( response: HttpResponse ): unknown {
	try {
		return JSON.parse( response.body );
	} catch {
		return response.body.slice( 0, 500 );
	}
}

function messageOf( body: unknown ): string {
	if ( body && typeof body === 'object' && 'message' in body ) {
		return String( ( body as { message: unknown } ).message );
	}
	return typeof body === 'string' ? body : JSON.stringify( body );
}

export async function runProbe(
	options: ProbeOptions,
	fetchUrl: Fetch = get
): Promise< ProbeReport > {
	const base = options.url.replace( /\/+$/, '' );
	const credentials = { key: options.key, secret: options.secret };
	const problems: string[] = [];
	const healthUrl = `${ base }/wp-json/wc-flashnode/v1/health`;

	const anonymous = await fetchUrl( healthUrl, { ca: options.ca } );
	if ( anonymous.status !== 200 ) {
		problems.push(
			`Health endpoint answered HTTP ${ anonymous.status } to an anonymous call: is the plugin active and /wp-json/ reachable?`
		);
	}
	const authenticated = await fetchUrl( `${ healthUrl }?details=1`, {
		ca: options.ca,
		credentials,
	} );
	const authenticatedBody = parse( authenticated );
	if ( authenticated.status !== 200 ) {
		problems.push(
			`Health endpoint refused the key (HTTP ${ authenticated.status }): ${ messageOf( authenticatedBody ) }`
		);
	}

	const modifiedAfter = windowStart( options.since, options.overlapSeconds );
	const list: PulledOrder[] = [];
	let pages = 0;
	let totalPages = 1;
	let ordersOk = true;
	for ( let page = 1; page <= totalPages; page++ ) {
		const response = await fetchUrl(
			base +
				ordersPath( {
					status: options.status,
					modifiedAfter,
					page,
					perPage: options.perPage,
				} ),
			{ ca: options.ca, credentials }
		);
		const body = parse( response );
		if ( response.status !== 200 || ! Array.isArray( body ) ) {
			problems.push(
				`Orders request failed (HTTP ${ response.status }): ${ messageOf( body ) }`
			);
			ordersOk = false;
			break;
		}
		pages++;
		totalPages = Number( header( response, 'X-WP-TotalPages' ) ?? 1 ) || 1;
		for ( const order of body as PulledOrder[] ) {
			list.push( {
				id: order.id,
				status: order.status,
				date_modified_gmt: order.date_modified_gmt,
			} );
		}
	}

	return {
		url: base,
		health: {
			anonymous: { status: anonymous.status, body: parse( anonymous ) },
			authenticated: {
				status: authenticated.status,
				body: authenticatedBody,
			},
		},
		orders: ordersOk
			? {
					status: options.status,
					modifiedAfter: toRestDate( modifiedAfter ),
					pages,
					list,
					nextCursor: toRestDate( nextCursor( options.since, list ) ),
				}
			: null,
		problems,
		ok: problems.length === 0,
	};
}
