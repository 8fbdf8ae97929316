/**
 * The change feed and the acknowledgements as an integration server calls them (the contract is in the README,
 * "Integrator's contract"): one page after a cursor with the orders included, and one acknowledgement per batch.
 */
import { request, type Credentials, type HttpResponse } from './http';

export interface Change {
	cursor: number;
	order_id: number;
	event: string;
	status: string | null;
	/** Null for `deleted`. */
	modified_gmt: string | null;
	/** The order as GET /wc/v3/orders/<id> answers it at the time of the read; null when it no longer exists. */
	order?: Record< string, unknown > | null;
}

export interface FeedPage {
	changes: Change[];
	next_cursor: number;
	has_more: boolean;
	server_time_gmt: string;
}

export interface FeedTarget {
	url: string;
	credentials: Credentials;
	ca?: string;
	timeoutMs?: number;
}

/**
 * An answer the puller cannot fix by asking again (bad key, missing permission, a cursor ahead of the log): it
 * stops with exit code 1. Everything else (network errors, 5xx, 429) is retried.
 */
export class FatalFeedError extends Error {
	readonly code: string;

	constructor( message: string, code: string ) {
		super( message );
		this.code = code;
	}
}

/**
 * The idempotency key of a change: the order and the modification it carries. Several rows of one page with the
 * same key carry the same order (loaded once per page), so the puller hands them on once; a receiver that applies
 * an order only when its modified_gmt is at least the one it has is idempotent under repeats.
 *
 * @param change A change of the feed.
 */
export function changeKey(
	change: Pick< Change, 'order_id' | 'modified_gmt' >
): string {
	return `${ change.order_id }@${ change.modified_gmt ?? 'deleted' }`;
}

function refusal( response: HttpResponse, what: string ): Error {
	let code = '';
	let message = response.body.slice( 0, 300 );
	try {
		const body = JSON.parse( response.body ) as {
			code?: string;
			message?: string;
		};
		code = body.code ?? '';
		message = body.message ?? message;
	} catch {
		// Not JSON (a proxy's error page): keep the start of the text.
	}
	const text = `${ what } answered HTTP ${ response.status }${
		code ? ` ${ code }` : ''
	}: ${ message }`;
	// 408 and 429 are "try later"; every other 4xx stays the same however often it is asked.
	const permanent =
		response.status >= 400 &&
		response.status < 500 &&
		! [ 408, 429 ].includes( response.status );
	return permanent ? new FatalFeedError( text, code ) : new Error( text );
}

export interface PageQuery {
	after: number;
	limit: number;
	statuses?: string[];
}

/**
 * Path and query of one feed page, orders included.
 *
 * @param query Cursor, page size and statuses.
 */
export function feedPath( query: PageQuery ): string {
	const params = new URLSearchParams( {
		after: String( query.after ),
		limit: String( query.limit ),
		include: 'orders',
	} );
	if ( query.statuses && query.statuses.length > 0 ) {
		params.set( 'statuses', query.statuses.join( ',' ) );
	}
	return `/wp-json/wc-flashnode/v1/changes?${ params.toString() }`;
}

/**
 * One page after a cursor.
 *
 * @param target Shop, key, CA.
 * @param query  Cursor, page size, statuses.
 */
export async function readPage(
	target: FeedTarget,
	query: PageQuery
): Promise< FeedPage > {
	const response = await request( target.url + feedPath( query ), {
		credentials: target.credentials,
		ca: target.ca,
		timeoutMs: target.timeoutMs,
	} );
	if ( response.status !== 200 ) {
		throw refusal( response, 'The change feed' );
	}
	const page = JSON.parse( response.body ) as FeedPage;
	if (
		! Array.isArray( page.changes ) ||
		! Number.isInteger( page.next_cursor )
	) {
		throw new Error(
			'The change feed answered without changes or next_cursor.'
		);
	}
	return page;
}

/**
 * Acknowledges orders (at most 500, the route's limit; a page has at most 500 changes).
 *
 * @param target    Shop, key, CA.
 * @param orderIds  Orders handed on.
 * @param reference Shown in the order note ("Transferred to … (ref …)"); a different one acknowledges anew.
 */
export async function acknowledge(
	target: FeedTarget,
	orderIds: number[],
	reference?: string
): Promise< void > {
	const response = await request(
		`${ target.url }/wp-json/wc-flashnode/v1/acks`,
		{
			method: 'POST',
			body: JSON.stringify(
				reference === undefined
					? { order_ids: orderIds }
					: { order_ids: orderIds, reference }
			),
			headers: { 'Content-Type': 'application/json' },
			credentials: target.credentials,
			ca: target.ca,
			timeoutMs: target.timeoutMs,
		}
	);
	if ( response.status !== 200 ) {
		throw refusal( response, 'The acknowledgement' );
	}
}
