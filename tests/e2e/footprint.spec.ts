/**
 * What the plugin costs requests it has no business with, recorded inside the shop by the test-only mu-plugin
 * tests/stack/mu-plugins/flashnode-test-footprint.php (a request opts in with X-Flashnode-Test-Footprint):
 * anonymous health calls write nothing to the database, and a storefront page on which other code writes an
 * option (a transient) loads none of the readiness classes.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import {
	request as playwrightRequest,
	type APIRequestContext,
} from '@playwright/test';

import { expect, test } from './fixtures';
import { readShop, wp } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const HEALTH = '/wp-json/wc-flashnode/v1/health';

interface Footprint {
	writes: string[];
	plugin_files: string[];
	readiness_loaded: string[];
	transient_written?: boolean;
	rest: boolean;
}

let api: APIRequestContext;

/** The stored health log as WP-CLI prints it, or '' when there is none. */
function healthLog(): string {
	try {
		return wp(
			'option',
			'get',
			'flashnode_connector_health_log',
			'--format=json'
		);
	} catch {
		return '';
	}
}

test.beforeAll( async () => {
	// No cookies: a visitor, or an integration server.
	api = await playwrightRequest.newContext( { ignoreHTTPSErrors: true } );
} );

test.afterAll( async () => {
	await api.dispose();
} );

/**
 * Makes a request with the footprint header and returns what the mu-plugin recorded for it.
 *
 * @param path    Path on the shop.
 * @param headers More headers.
 */
async function footprintOf(
	path: string,
	headers: Record< string, string > = {}
): Promise< Footprint > {
	const token = randomBytes( 12 ).toString( 'hex' );
	const file = join(
		shop.wordpressDir,
		`wp-content/flashnode-footprint-${ token }.json`
	);
	const response = await api.get( shop.url + path, {
		headers: { 'X-Flashnode-Test-Footprint': token, ...headers },
	} );
	expect( response.status(), await response.text() ).toBeLessThan( 500 );
	// Written on shutdown, which may finish just after the last byte arrived.
	await expect.poll( () => existsSync( file ) ).toBe( true );
	try {
		return JSON.parse( readFileSync( file, 'utf8' ) ) as Footprint;
	} finally {
		rmSync( file, { force: true } );
	}
}

test( 'anonymous health calls write nothing to the database; a call with a key is logged', async () => {
	const before = healthLog();
	for ( const query of [ '', '?details=true', '?details=1&x=1' ] ) {
		const anonymous = await footprintOf( HEALTH + query );
		expect( anonymous.rest ).toBe( true );
		expect( anonymous.writes, `GET ${ HEALTH }${ query }` ).toEqual( [] );
	}
	// A made-up key is no key: anyone can send one.
	const madeUp = await footprintOf( HEALTH, {
		Authorization:
			'Basic ' +
			Buffer.from(
				'ck_0000000000000000000000000000000000000000:cs_x'
			).toString( 'base64' ),
	} );
	expect( madeUp.writes ).toEqual( [] );
	expect( healthLog() ).toBe( before );

	const key: ApiKey = createApiKey( 'read' );
	try {
		const keyed = await footprintOf( HEALTH, {
			Authorization: basicAuth( key ),
		} );
		// The log's update_option() (and WooCommerce's own last_access update of the key).
		expect( keyed.writes.join( '\n' ) ).toContain(
			'flashnode_connector_health_log'
		);
	} finally {
		deleteApiKey( key );
	}
} );

test( 'a storefront page on which an option is written loads no readiness, route, admin or delivery class', async () => {
	const page = await footprintOf( '/', {
		'X-Flashnode-Test-Transient': '1',
	} );
	expect( page.transient_written ).toBe( true );
	expect( page.rest ).toBe( false );
	expect(
		page.plugin_files.length,
		'the mu-plugin sees the plugin'
	).toBeGreaterThan( 0 );
	expect( page.readiness_loaded ).toEqual( [] );
	expect( page.writes ).toEqual( [] );
	// Nor a class of the routes, the admin, the Abilities or the deliveries: their hooks are registered by name,
	// and only the dispatcher's registration runs on every request (Action Scheduler may run anywhere).
	expect(
		page.plugin_files.filter( ( file ) =>
			/^php\/(Rest|Integrator|Admin|Abilities|Cli|Delivery\/(?!Dispatcher\.php))/.test(
				file
			)
		)
	).toEqual( [] );
} );
