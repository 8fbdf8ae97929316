/**
 * From 0.4 to this version, as a shop owner does it: the 0.4.0 zip (built from its release commit) installed and
 * connected to a service, then this version's zip uploaded over it. The 0.4 connection, whose key acts as the
 * administrator who approved it, must keep working, be shown as broader than needed, and get a user of its own
 * when the service's link is approved again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Handoff } from '../../src/puller/contract';
import type { Receiver } from '../../src/puller/receiver';
import { openContexts, type Contexts } from './api-contexts';
import {
	approve,
	callWith,
	connections,
	disconnect,
	startService,
} from './connect-service';
import { expect, test } from './fixtures';
import { PLUGIN_FILE, repoRoot, wp } from './shop';

/** The commit that released 0.4.0 (version in the plugin header, readme.txt's Stable tag and package.json). */
const RELEASE_0_4_0 = '7d9d1f29ef199d3000d019318a5d71391ea06161';
const currentZip = join( repoRoot, 'dist/flashnode-connector.zip' );

test.describe.configure( { mode: 'serial' } );

/**
 * Installs a plugin zip over the current one through WP-CLI (WordPress's Plugin_Upgrader, as the upload in
 * wp-admin), then waits until Apache's OPcache has looked at the replaced files again: another process replaced
 * them, so for up to opcache.revalidate_freq (2 s here) Apache may still run a cached old file beside new ones (a
 * fatal "class not found" seen once). An upload in wp-admin invalidates that cache itself.
 *
 * @param zip  The zip.
 * @param args `wp plugin install` arguments after the zip.
 */
async function installZip( zip: string, ...args: string[] ): Promise< void > {
	wp( 'plugin', 'install', zip, ...args );
	await new Promise( ( resolve ) => setTimeout( resolve, 3000 ) );
}

let contexts: Contexts;
let receiver: Receiver;

/**
 * The 0.4.0 zip, built as it was released: its tree from git, this checkout's node_modules.
 */
function buildRelease(): string {
	const dir = mkdtempSync( join( tmpdir(), 'flashnode-0.4.0-' ) );
	try {
		execFileSync(
			'git',
			[ 'cat-file', '-e', `${ RELEASE_0_4_0 }^{commit}` ],
			{
				cwd: repoRoot,
			}
		);
	} catch {
		throw new Error(
			`The 0.4.0 release commit ${ RELEASE_0_4_0 } is not in this clone: fetch the history (git fetch --unshallow).`
		);
	}
	execFileSync(
		'bash',
		[
			'-c',
			`git -C "$1" archive "$2" | tar -x -C "$3"`,
			'archive',
			repoRoot,
			RELEASE_0_4_0,
			dir,
		],
		{ stdio: 'inherit' }
	);
	symlinkSync(
		join( repoRoot, 'node_modules' ),
		join( dir, 'node_modules' )
	);
	execFileSync( 'npm', [ 'run', '--silent', 'plugin-zip' ], {
		cwd: dir,
		stdio: 'inherit',
	} );
	return join( dir, 'dist/flashnode-connector.zip' );
}

const readiness = async () =>
	(
		await (
			await contexts.admin.get(
				'/wp-json/flashnode/v1/readiness?fresh=true',
				{ headers: { 'X-WP-Nonce': contexts.nonce } }
			)
		).json()
	).results as Array< {
		id: string;
		status: string;
		details?: Record< string, unknown >;
	} >;

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	contexts = await openContexts();
	receiver = await startService();
} );

test.afterAll( async () => {
	// This version again, whatever happened above, with no connection left.
	await installZip( currentZip, '--force', '--activate' );
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
	await receiver?.close();
	await contexts?.dispose();
} );

test( 'a 0.4 connection keeps working after the update, is flagged, and gets its own user when approved again', async () => {
	test.setTimeout( 240_000 );
	const releaseZip = buildRelease();
	// A shop that had 0.4.0: this version deleted (its uninstall), then 0.4.0 installed and connected.
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
	wp( 'plugin', 'deactivate', PLUGIN_FILE );
	wp( 'plugin', 'uninstall', PLUGIN_FILE );
	await installZip( releaseZip, '--activate' );
	expect( wp( 'plugin', 'get', PLUGIN_FILE, '--field=version' ) ).toBe(
		'0.4.0'
	);
	const old: Handoff = await approve( contexts, receiver, {
		name: 'QA ERP',
		baseUrl: receiver.url,
		webhooks: true,
	} );
	expect( old.scopes ).toBeUndefined();
	const admin = Number( wp( 'user', 'get', 'admin', '--field=ID' ) );
	expect( old.user_id ).toBe( admin );
	const orders = '/wp-json/wc/v3/orders?per_page=1';
	expect( ( await callWith( old, 'GET', orders ) ).status ).toBe( 200 );

	// The update: this version's zip uploaded over 0.4.0.
	await installZip( currentZip, '--force' );
	expect( wp( 'plugin', 'get', PLUGIN_FILE, '--field=status' ) ).toBe(
		'active'
	);
	expect( ( await callWith( old, 'GET', orders ) ).status ).toBe( 200 );
	expect(
		(
			await callWith(
				old,
				'GET',
				'/wp-json/wc-flashnode/v1/changes?after=0'
			)
		).status
	).toBe( 200 );
	const [ migrated, ...others ] = await connections( contexts );
	expect( others ).toEqual( [] );
	expect( migrated ).toMatchObject( {
		service_name: 'QA ERP',
		scopes: null,
		user_id: admin,
		key_ids: [ old.key_id ],
		webhook_ids: old.webhook_ids,
		broader_than_needed: true,
	} );
	const flagged = ( await readiness() ).find(
		( r ) => r.id === 'connections'
	);
	expect( flagged?.status ).toBe( 'warning' );
	expect( flagged?.details?.broader_than_needed ).toEqual( [ 'QA ERP' ] );

	// The service's link approved again: its own user, and the administrator's key revoked.
	const own = await approve( contexts, receiver, {
		name: 'QA ERP',
		baseUrl: receiver.url,
		webhooks: true,
	} );
	expect( own.user_id ).not.toBe( admin );
	expect( ( await callWith( own, 'GET', orders ) ).status ).toBe( 200 );
	expect( ( await callWith( old, 'GET', orders ) ).status ).toBe( 401 );
	const [ replaced ] = await connections( contexts );
	expect( replaced ).toMatchObject( {
		broader_than_needed: false,
		key_ids: [ own.key_id ],
		scopes: [ 'orders:read', 'orders:write', 'products:read' ],
	} );
	expect(
		( await readiness() ).find( ( r ) => r.id === 'connections' )?.status
	).toBe( 'ok' );
	// The administrator is still there: only service users are ever deleted.
	expect( Number( wp( 'user', 'get', 'admin', '--field=ID' ) ) ).toBe(
		admin
	);
} );
