/**
 * The Authorization-header fix: a rule in .htaccess, reproduced for real behind PHP-FPM (where the header is
 * stripped), and taken out again without a trace, from the REST route and from the page's "Remove the fix".
 */
import { type APIRequestContext } from '@playwright/test';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { READINESS, openContexts } from './api-contexts';
import { expect, openSettingsTab, test } from './fixtures';
import { readShop, shopCommand } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const htaccess = join( shop.wordpressDir, '.htaccess' );
const backup = `${ htaccess }.flashnode-connector-backup`;

interface CheckResult {
	id: string;
	status: string;
	fix_id: string | null;
	undo_id: string | null;
	details: Record< string, unknown >;
}

test.describe.configure( { mode: 'serial' } );

let admin: APIRequestContext;
let bare: APIRequestContext;
let nonce: string;
let original: string;
let key: ApiKey;

test.beforeAll( async () => {
	// The admin's browser session with the REST nonce the settings page sends, and one without cookies.
	( { admin, nonce, bare } = await openContexts() );
	original = readFileSync( htaccess, 'utf8' );
	key = createApiKey( 'read_write' );
} );

test.afterAll( async () => {
	writeFileSync( htaccess, original );
	rmSync( backup, { force: true } );
	shopCommand( 'php-handler', 'mod_php' );
	deleteApiKey( key );
	await admin.dispose();
	await bare.dispose();
} );

async function check(): Promise< CheckResult > {
	const response = await admin.get( READINESS, {
		params: { fresh: 'true' },
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( response.status() ).toBe( 200 );
	return ( ( await response.json() ).results as CheckResult[] ).find(
		( r ) => r.id === 'authorization_header'
	) as CheckResult;
}

async function fix( method: 'POST' | 'DELETE' ) {
	const response = await admin.fetch(
		`${ READINESS }/fixes/authorization_header`,
		{ method, headers: { 'X-WP-Nonce': nonce } }
	);
	expect( response.status() ).toBe( 200 );
	return ( await response.json() ).result as CheckResult;
}

const orders = () =>
	bare.get( '/wp-json/wc/v3/orders', {
		headers: { Authorization: basicAuth( key ) },
	} );

test( 'stripped behind PHP-FPM, passed again by the rule; applying and removing leaves .htaccess byte for byte as it was, and no copy behind', async () => {
	shopCommand( 'php-handler', 'fpm' );
	// A WordPress .htaccess from before WordPress 5.6, without its own Authorization rewrite.
	const stripped = original.replace(
		/^RewriteRule \.\* - \[E=HTTP_AUTHORIZATION.*\n/m,
		''
	);
	expect( stripped ).not.toBe( original );
	writeFileSync( htaccess, stripped );
	expect( ( await orders() ).status() ).toBe( 401 );

	const failing = await check();
	expect( failing.status ).toBe( 'error' );
	expect( failing.details.credential_channel ).toBe( 'none' );
	expect( failing.fix_id ).toBe( 'authorization_header' );
	expect( failing.undo_id ).toBeNull();

	// Twice: each round must leave the file exactly as it was (it grew by a blank line per round before).
	for ( let round = 0; round < 2; round++ ) {
		const fixed = await fix( 'POST' );
		expect( fixed.status ).toBe( 'ok' );
		expect( fixed.details.credential_channel ).toMatch(
			/HTTP_AUTHORIZATION/
		);
		expect( fixed.undo_id ).toBe( 'authorization_header' );
		expect( readFileSync( htaccess, 'utf8' ) ).toContain(
			'# BEGIN Flashnode Connector\n'
		);
		expect( readFileSync( backup, 'utf8' ) ).toBe( stripped );
		expect( ( await orders() ).status() ).toBe( 200 );

		const removed = await fix( 'DELETE' );
		expect( removed.status ).toBe( 'error' );
		expect( removed.undo_id ).toBeNull();
		expect( readFileSync( htaccess, 'utf8' ) ).toBe( stripped );
		expect( existsSync( backup ) ).toBe( false );
	}
} );

test( 'the copy is of the file as it was just before the rule went in, not of an older state', async () => {
	const first = readFileSync( htaccess, 'utf8' );
	await fix( 'POST' );
	expect( readFileSync( backup, 'utf8' ) ).toBe( first );
	await fix( 'DELETE' );

	const edited = `# edited by the owner\n${ first }`;
	writeFileSync( htaccess, edited );
	await fix( 'POST' );
	expect( readFileSync( backup, 'utf8' ) ).toBe( edited );
	await fix( 'DELETE' );
	expect( readFileSync( htaccess, 'utf8' ) ).toBe( edited );
} );

test( 'the page offers "Remove the fix" while the rule is in, and removing it there restores the file', async ( {
	page,
	jsErrors,
} ) => {
	shopCommand( 'php-handler', 'mod_php' );
	writeFileSync( htaccess, original );
	await fix( 'POST' );
	expect( readFileSync( htaccess, 'utf8' ) ).not.toBe( original );

	await openSettingsTab( page );
	const row = page.getByTestId( 'check-authorization_header' );
	const remove = row.getByTestId( 'undo-authorization_header' );
	await expect( remove ).toBeVisible( { timeout: 60_000 } );
	await remove.click();
	await expect( page.getByRole( 'dialog' ) ).toBeVisible();
	await page.getByRole( 'button', { name: 'Remove', exact: true } ).click();

	await expect( remove ).toHaveCount( 0, { timeout: 60_000 } );
	await expect( row ).toHaveAttribute( 'data-status', 'ok' );
	expect( readFileSync( htaccess, 'utf8' ) ).toBe( original );
	expect( existsSync( backup ) ).toBe( false );
	expect( jsErrors ).toEqual( [] );
} );
