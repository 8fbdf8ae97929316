/**
 * From 0.4 to this version, as a shop owner does it: the 0.4.0 zip (built from its release commit) installed and
 * connected to a service, then this version's zip uploaded over it. The 0.4 connection, whose key acts as the
 * administrator who approved it, must keep working, be shown as broader than needed, and get a user of its own
 * with one click on its card once the service reported a reconnect_url with its old key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Handoff } from '../../src/puller/contract';
import { verifySignature, type Receiver } from '../../src/puller/receiver';
import { openContexts, type Contexts } from './api-contexts';
import {
	approve,
	callWith,
	connections,
	disconnect,
	startService,
} from './connect-service';
import { expect, openSettingsTab, test } from './fixtures';
import { PLUGIN_FILE, repoRoot, runDueJobs, wp } from './shop';

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

test( 'a 0.4 connection keeps working after the update, is flagged, and gets its own user in one click once its service reported a reconnect_url', async ( {
	page,
} ) => {
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
	// Its order webhooks moved over to the plugin's deliveries: paused in WooCommerce, and a new order reaches the
	// service once, from the plugin (X-Flashnode-Event-Id), signed with the secret the service already has.
	for ( const id of old.webhook_ids ?? [] ) {
		expect(
			wp( 'eval', `echo wc_get_webhook( ${ id } )->get_status();` )
		).toBe( 'paused' );
	}
	const created = await callWith( old, 'POST', '/wp-json/wc/v3/orders', {
		status: 'processing',
	} );
	expect( created.status, created.body ).toBe( 201 );
	const orderId = JSON.parse( created.body ).id as number;
	await expect
		.poll(
			async () => {
				// WooCommerce's own queue too: were it still sending, its delivery would arrive as well.
				await runDueJobs();
				return receiver.deliveries.filter(
					( d ) => JSON.parse( d.body.toString() ).id === orderId
				).length;
			},
			{ timeout: 60_000 }
		)
		.toBeGreaterThan( 0 );
	await runDueJobs();
	const received = receiver.deliveries.filter(
		( d ) => JSON.parse( d.body.toString() ).id === orderId
	);
	// One delivery per change of the order (WooCommerce saves a new order several times), all from the plugin:
	// none without an event id (WooCommerce's own), none twice.
	const ids = received.map( ( d ) => d.headers[ 'x-flashnode-event-id' ] );
	expect( ids.every( ( id ) => /^\d+$/.test( String( id ) ) ) ).toBe( true );
	expect( new Set( ids ).size ).toBe( ids.length );
	expect( received[ 0 ].headers[ 'x-wc-webhook-topic' ] ).toBe(
		'order.created'
	);
	for ( const delivery of received ) {
		expect(
			verifySignature(
				delivery.body,
				String( old.webhook_secret ),
				delivery.headers[ 'x-wc-webhook-signature' ]
			)
		).toBe( true );
	}

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

	// Without a reconnect_url the card can only advise opening the service's link again.
	await openSettingsTab( page );
	const card = page.getByTestId( `connection-${ migrated.id }` );
	await expect( card.getByTestId( 'connection-too-broad' ) ).toContainText(
		"Approve the service's connection link again"
	);
	await expect( card.getByTestId( 'give-own-user' ) ).toHaveCount( 0 );

	// The 0.4 service tells the shop, with its old key, where to hand over a new one; the owner clicks once.
	const reported = await callWith(
		old,
		'PUT',
		'/wp-json/wc-flashnode/v1/connection',
		{ reconnect_url: `${ receiver.url }/handoff/reconnect` }
	);
	expect( reported.status, reported.body ).toBe( 200 );
	const before = receiver.handoffs.length;
	await openSettingsTab( page, true );
	await card.getByTestId( 'give-own-user' ).click();
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'QA ERP now acts as its own user flashnode-qa-erp'
	);
	await expect( card.getByTestId( 'connection-too-broad' ) ).toHaveCount( 0 );
	await expect( card.getByTestId( 'connection-user' ) ).toHaveText(
		'flashnode-qa-erp'
	);
	expect( receiver.handoffs ).toHaveLength( before + 1 );
	const own = receiver.handoffs[ before ];
	expect( own.user_id ).not.toBe( admin );
	expect( own.webhook_ids ).toHaveLength( 2 );
	expect( ( await callWith( own, 'GET', orders ) ).status ).toBe( 200 );
	expect( ( await callWith( old, 'GET', orders ) ).status ).toBe( 401 );
	// The service user's scopes: no payment settings (the administrator's key could change the bank details).
	const gateway = await callWith(
		own,
		'PUT',
		'/wp-json/wc/v3/payment_gateways/bacs',
		{ description: 'Pay to IBAN FI00 0000' }
	);
	expect( gateway.status, gateway.body ).toBe( 403 );
	const [ replaced ] = await connections( contexts );
	expect( replaced ).toMatchObject( {
		broader_than_needed: false,
		key_ids: [ own.key_id ],
		webhook_ids: own.webhook_ids,
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
