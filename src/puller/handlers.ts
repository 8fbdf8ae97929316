/**
 * What the follow-mode puller does with each change: print it (one JSON line on stdout) or POST it to a URL.
 * A handler resolves when the change is safely handed on and rejects otherwise; the puller then acknowledges
 * nothing, keeps its cursor and tries again later.
 */
import { isIP } from 'node:net';

import { changeKey, type Change } from './feed-client';
import { request } from './http';

export type Handler = ( change: Change ) => Promise< void >;

/** Header carrying changeKey() on every POST, for the receiver's de-duplication. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A --post-url the puller will not send orders to; exit code 2 with this message. */
export class PostUrlError extends Error {}

/**
 * Whether a host name is this machine (plain HTTP is accepted only there: orders carry personal data).
 *
 * @param hostname URL host name (IPv6 in brackets).
 */
export function isLoopback( hostname: string ): boolean {
	const host = hostname.replace( /^\[|\]$/g, '' ).toLowerCase();
	if ( host === 'localhost' ) {
		return true;
	}
	if ( isIP( host ) === 4 ) {
		return host.startsWith( '127.' );
	}
	return host === '::1';
}

/**
 * Checks a --post-url: https://, or http:// on loopback; no user name or password in it (they would end up in
 * logs and process lists).
 *
 * @param raw The argument.
 */
export function validatePostUrl( raw: string ): URL {
	let url: URL;
	try {
		url = new URL( raw );
	} catch {
		throw new PostUrlError( `--post-url is not a URL: ${ raw }` );
	}
	if ( url.username || url.password ) {
		throw new PostUrlError(
			'--post-url must not contain a user name or password.'
		);
	}
	if ( url.protocol === 'https:' ) {
		return url;
	}
	if ( url.protocol === 'http:' && isLoopback( url.hostname ) ) {
		return url;
	}
	throw new PostUrlError(
		`--post-url must be https:// (http:// only on 127.0.0.1, ::1 or localhost), got ${ url.protocol }//${ url.host }`
	);
}

/**
 * Writes each change as one JSON line to a stream (stdout), order included.
 *
 * @param write Where lines go.
 */
export function printHandler( write: ( line: string ) => void ): Handler {
	return async ( change ) => {
		write(
			`${ JSON.stringify( { key: changeKey( change ), ...change } ) }\n`
		);
	};
}

export interface PostHandlerOptions {
	url: URL;
	/** Extra CA for an https:// receiver with a private certificate. */
	ca?: string;
	timeoutMs?: number;
}

/**
 * POSTs each change as JSON (`{"key":…,"cursor":…,"order_id":…,"event":…,"status":…,"modified_gmt":…,"order":{…}}`)
 * with the Idempotency-Key header. Any 2xx is success; anything else, or no answer in time, is a failure.
 *
 * @param options Receiver URL, CA, timeout.
 */
export function postHandler( options: PostHandlerOptions ): Handler {
	const target = options.url.toString();
	return async ( change ) => {
		const key = changeKey( change );
		const response = await request( target, {
			method: 'POST',
			body: JSON.stringify( { key, ...change } ),
			headers: {
				'Content-Type': 'application/json',
				[ IDEMPOTENCY_HEADER ]: key,
			},
			ca: options.ca,
			timeoutMs: options.timeoutMs ?? 30_000,
		} );
		if ( response.status < 200 || response.status > 299 ) {
			// The receiver's URL without its query (which may carry a token), and never the shop's key.
			throw new Error(
				`${ options.url.origin }${ options.url.pathname } answered HTTP ${ response.status } for ${ key }`
			);
		}
	};
}
