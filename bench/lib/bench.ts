/**
 * What the bench measures (the REST probes and storefront pages) and how one request is taken: one kept-alive
 * connection for every timed request, an expected status, a query report on demand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';

import type { Shop } from '../../tests/e2e/shop';
import { basicAuth, type ApiKey } from '../../tests/e2e/support';
import { timedGet, type Timed } from './http';
import { setPluginActive } from './shop-control';
import {
	HEALTH_ROUTE,
	NOOP_ROUTE,
	QUERY_REPORT_HEADER,
	SYSTEM_STATUS_ROUTE,
	queryLogPath,
} from './stack';

export interface Probe {
	id: string;
	label: string;
	path: string;
	headers: Record< string, string >;
	/** Expected HTTP status; anything else stops the bench (a broken measurement is no measurement). */
	status: number;
}

export interface Page {
	id: string;
	label: string;
	url: string;
}

export class Bench {
	readonly shop: Shop;
	readonly ca: string;
	// Keep-alive for every timed request alike: one connection, so the TLS handshake does not dilute the
	// difference between routes. Throughput bursts use fresh connections (see burst()).
	readonly agent = new Agent( { keepAlive: true, maxSockets: 1 } );
	readonly key: ApiKey;
	readonly probes: Probe[];
	pages: Page[] = [];
	pluginActive = true;
	private queryReportSeq = 0;

	constructor( shop: Shop, key: ApiKey ) {
		this.shop = shop;
		this.ca = readFileSync( shop.caFile, 'utf8' );
		this.key = key;
		const auth = { Authorization: basicAuth( key ) };
		this.probes = [
			{
				id: 'ping',
				label: 'health ping (anonymous)',
				path: HEALTH_ROUTE,
				headers: {},
				status: 200,
			},
			{
				id: 'bare',
				label: 'bare REST no-op route',
				path: NOOP_ROUTE,
				headers: {},
				status: 200,
			},
			{
				// The same request again, measured as its own route: how far two identical requests differ in
				// this run (the noise floor every other ratio has to be read against).
				id: 'bare-again',
				label: 'bare REST no-op route, again',
				path: NOOP_ROUTE,
				headers: {},
				status: 200,
			},
			{
				id: 'status',
				label: 'WooCommerce system_status (API key)',
				path: SYSTEM_STATUS_ROUTE,
				headers: auth,
				status: 200,
			},
			{
				id: 'diag',
				label: 'health diagnosis (API key, details=true)',
				path: `${ HEALTH_ROUTE }?details=true`,
				headers: auth,
				status: 200,
			},
		];
	}

	async get(
		url: string,
		headers: Record< string, string > = {},
		status = 200
	): Promise< Timed > {
		const response = await timedGet( url, {
			ca: this.ca,
			agent: this.agent,
			headers,
		} );
		if ( response.status !== status ) {
			throw new Error(
				`GET ${ url } answered ${ response.status }, expected ${ status }: ${ response.body.slice( 0, 300 ) }`
			);
		}
		return response;
	}

	probeById( id: string ): Probe {
		const found = this.probes.find( ( probe ) => probe.id === id );
		if ( ! found ) {
			throw new Error( `no probe ${ id }` );
		}
		return found;
	}

	probe(
		probe: Probe,
		extraHeaders: Record< string, string > = {}
	): Promise< Timed > {
		return this.get(
			this.shop.url + probe.path,
			{ ...probe.headers, ...extraHeaders },
			probe.status
		);
	}

	/**
	 * Switches the plugin on or off (a WP CLI run), then loads the home page once untimed: whatever the first
	 * request after (de)activation does once (WooCommerce's caches of the plugin list) is not measured.
	 *
	 * @param active On or off.
	 */
	async switchPlugin( active: boolean ): Promise< void > {
		if ( this.pluginActive === active ) {
			return;
		}
		setPluginActive( active );
		this.pluginActive = active;
		await this.get( this.pages[ 0 ].url );
	}

	/**
	 * Database queries of one request, from the bench mu-plugin's report (SAVEQUERIES is on for it).
	 *
	 * @param url     Absolute URL.
	 * @param headers Request headers.
	 * @param status  Expected status.
	 */
	async queryReport(
		url: string,
		headers: Record< string, string > = {},
		status = 200
	): Promise< QueryReport > {
		const id = `q${ process.pid }-${ ++this.queryReportSeq }`;
		await this.get(
			url,
			{ ...headers, [ QUERY_REPORT_HEADER ]: id },
			status
		);
		// The report is written at PHP shutdown, after the response: give it a moment.
		for ( let attempt = 0; attempt < 50; attempt++ ) {
			const file = queryLogPath( this.shop );
			if ( existsSync( file ) ) {
				const line = readFileSync( file, 'utf8' )
					.split( '\n' )
					.find( ( candidate ) =>
						candidate.includes( `"id":"${ id }"` )
					);
				if ( line ) {
					return JSON.parse( line ) as QueryReport;
				}
			}
			await new Promise( ( resolve ) => setTimeout( resolve, 100 ) );
		}
		throw new Error(
			`no query report for ${ url } (is tests/stack/bench/flashnode-bench.php installed?)`
		);
	}
}

export interface QueryReport {
	id: string;
	uri: string;
	queries: number;
	savequeries: boolean;
	flashnode: Array< { sql: string; ms: number; caller: string } >;
	plugin_files: number;
}
