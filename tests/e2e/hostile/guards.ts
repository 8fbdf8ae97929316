/**
 * The guards every hostile-input spec runs its requests under: no 5xx, every request refused as expected, no
 * PHP problem logged (WP_DEBUG is on: notices, warnings, deprecations, fatals, database errors) and the database
 * the same before and after (the plugin's options with the request-id claims, every row of WooCommerce's API key
 * and webhook tables, the settings and .htaccess the one-click fixes would change; see support/security.php).
 */
import type { Agent } from 'node:https';

import { request } from '../../../src/puller/http';
import { expect, test } from '../fixtures';
import {
	dbSnapshot,
	logOffsets,
	logTextSince,
	pool,
	send,
	type RawRequest,
	type RawResponse,
} from '../raw-http';
import { CONCURRENCY, shop } from './context';

export interface Case {
	name: string;
	req: RawRequest;
	/** Allowed statuses; default: any 4xx. */
	expect?: number[];
	/** For health: a 200 must be the anonymous summary. */
	health?: boolean;
	/** Sent to the shop's plain-HTTP address (a key over the wrong channel), without the keep-alive pool. */
	overHttp?: boolean;
}

export const LOGS = [
	shop.phpErrorLog,
	shop.debugLog,
	shop.phpErrorLog.replace( /php-errors\.log$/, 'apache-error.log' ),
];
/** What PHP and WordPress write when something is wrong (WP_DEBUG_LOG and PHP's error_log). */
const PROBLEM_LINE =
	/PHP (Fatal error|Parse error|Warning|Notice|Deprecated|Strict Standards|Recoverable)|WordPress database error|Flashnode debug guard|Segmentation fault|exit signal/;

/**
 * Lines about PHP problems in the logs since the offsets.
 *
 * @param offsets From logOffsets(LOGS).
 */
export function problemLines( offsets: number[] ): string[] {
	return (
		logTextSince( LOGS, offsets )
			.flatMap( ( text ) => text.split( '\n' ) )
			.filter( ( line ) => PROBLEM_LINE.test( line ) )
			// WordPress's own update checks run from WP-Cron during any request and fail with outbound HTTP blocked
			// in the test stack; they do not come from the requests' input.
			.filter(
				( line ) =>
					! /wp_update_(themes|plugins)\(\)|wp_version_check\(\)/.test(
						line
					)
			)
			// Known, reported, not from the plugin's files: on the ?rest_route= form of the health route with a
			// wrong API key, WooCommerce's admin feature loader calls current_user_can() at plugins_loaded, which
			// runs WooCommerce's key authentication (the plugin opts ?rest_route= health calls into it), whose
			// error message calls __( …, 'woocommerce' ) before init, so WordPress 6.7+ logs
			// "_load_textdomain_just_in_time … woocommerce domain was triggered too early"
			// (woocommerce/includes/class-wc-rest-authentication.php, lines 212 and 370). The answer is the right 401.
			.filter(
				( line ) =>
					! /_load_textdomain_just_in_time was called <strong>incorrectly<\/strong>\. Translation loading for the <code>woocommerce<\/code> domain/.test(
						line
					)
			)
	);
}

/**
 * What is wrong with one answer, or null.
 *
 * @param item     The case.
 * @param response Its response.
 */
export function problemWith(
	item: Case,
	response: RawResponse | Error
): string | null {
	if ( response instanceof Error ) {
		return `${ item.name }: ${ response.message }`;
	}
	const { status } = response;
	if ( status >= 500 || status === 0 ) {
		return `${ item.name }: HTTP ${ status } ${ response.body.slice( 0, 300 ) }`;
	}
	const allowed = item.expect;
	if (
		allowed ? ! allowed.includes( status ) : status < 400 || status >= 500
	) {
		return `${ item.name }: HTTP ${ status }, expected ${
			allowed ? allowed.join( '/' ) : '4xx'
		}: ${ response.body.slice( 0, 300 ) }`;
	}
	if ( item.health && status === 200 ) {
		let keys: string[] = [];
		try {
			keys = Object.keys( JSON.parse( response.body ) ).sort();
		} catch {}
		if (
			keys.join( ',' ) !==
			'details_require_key,plugin_version,status,time_utc'
		) {
			return `${ item.name }: garbage credentials got more than the anonymous summary: ${ response.body.slice( 0, 300 ) }`;
		}
	}
	return null;
}

/**
 * Sends the cases, CONCURRENCY in flight, and resolves with each one's answer (or the error that stopped it).
 *
 * @param cases The cases.
 * @param agent Connection pool.
 */
export function sendAll(
	cases: Case[],
	agent: Agent
): Promise< Array< RawResponse | Error > > {
	return pool( cases, CONCURRENCY, ( item ) =>
		( item.overHttp
			? request( shop.httpUrl + item.req.path, {
					method: item.req.method,
					headers: item.req.headers,
					body: item.req.body,
					timeoutMs: 60_000,
				} )
			: send( item.req, agent )
		).catch( ( error: Error ) => error )
	);
}

/**
 * What is wrong with the answers, one line per case.
 *
 * @param cases     The cases.
 * @param responses Their answers, in order.
 */
export function problemsOf(
	cases: Case[],
	responses: Array< RawResponse | Error >
): string[] {
	return cases
		.map( ( item, index ) => problemWith( item, responses[ index ] ) )
		.filter( ( problem ): problem is string => problem !== null );
}

/**
 * Sends every case and checks, for all of them together: no 5xx, every one answered as expected, no PHP problem
 * logged, no change in the database. Soft: one run reports all three.
 *
 * @param family  Name of the route family, for the summary.
 * @param cases   The malformed requests.
 * @param minimum How many there must be at least (the families together: 1,500).
 * @param agent   Connection pool.
 */
export async function expectAllRefused(
	family: string,
	cases: Case[],
	minimum: number,
	agent: Agent
): Promise< void > {
	expect(
		cases.length,
		`${ family }: malformed requests`
	).toBeGreaterThanOrEqual( minimum );
	const before = dbSnapshot();
	const offsets = logOffsets( LOGS );
	const started = Date.now();
	const responses = await sendAll( cases, agent );
	const seconds = ( Date.now() - started ) / 1000;
	// Let Apache flush its logs.
	await new Promise( ( resolve ) => setTimeout( resolve, 500 ) );
	const summary = `${ family }: ${ cases.length } malformed requests in ${ seconds.toFixed(
		1
	) } s with ${ CONCURRENCY } in flight`;
	// eslint-disable-next-line no-console -- the count is part of the proof.
	console.log( summary );
	test.info().annotations.push( { type: 'requests', description: summary } );
	expect
		.soft(
			problemsOf( cases, responses ),
			'answers that were not as expected'
		)
		.toEqual( [] );
	expect.soft( problemLines( offsets ), 'PHP problems logged' ).toEqual( [] );
	expect
		.soft( dbSnapshot(), 'database after the hostile requests' )
		.toEqual( before );
}
