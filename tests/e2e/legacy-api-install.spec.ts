/**
 * The Legacy REST API fix on WooCommerce 9.0+ when the "WooCommerce Legacy REST API" plugin is missing: after
 * confirmation it installs the plugin with WordPress's own plugins_api() and Plugin_Upgrader, activates it and
 * turns the API on. Offline: the plugin's zip, built here from the shop's own copy (moved aside while the plugin is
 * "missing"), is served by the test shop itself, announced by the test-only plugins_api filter
 * tests/stack/mu-plugins/flashnode-test-plugins-api.php.
 */
import AdmZip from 'adm-zip';
import {
	existsSync,
	mkdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { openContexts, type Contexts } from './api-contexts';
import { expect, test } from './fixtures';
import { pluginStatus, readShop, shopDir, wp } from './shop';

const shop = readShop();
const READINESS = '/wp-json/flashnode/v1/readiness';
const LEGACY_PLUGIN =
	'woocommerce-legacy-rest-api/woocommerce-legacy-rest-api.php';
const pluginsDir = join( shop.wordpressDir, 'wp-content/plugins' );
const installed = join( pluginsDir, 'woocommerce-legacy-rest-api' );
// The shop's copy while the test has WordPress install the plugin again. Outside wp-content/plugins, or WordPress
// would list it as a plugin. bin/shop.sh start moves it back if a run was killed before afterAll.
const backup = join( shopDir, 'legacy-api-plugin-backup' );
const zipDir = join( shop.wordpressDir, 'wp-content/uploads/flashnode-test' );

let contexts: Contexts;

test.skip(
	! shop.wcVersion.match( /^(9|[1-9]\d)\./ ),
	'The Legacy REST API is a separate plugin from WooCommerce 9.0 on.'
);

/** The shop's own copy back in place (after the test, or left over by a run that was killed). */
function restorePlugin(): void {
	if ( existsSync( backup ) ) {
		rmSync( installed, { recursive: true, force: true } );
		renameSync( backup, installed );
	}
}

test.beforeAll( async () => {
	restorePlugin();
	expect(
		shop.wcLegacyRestApiVersion,
		`bin/shop.sh start found no WooCommerce Legacy REST API plugin (FLASHNODE_WC_LEGACY_API_SOURCE, see README.md)`
	).not.toBeNull();
	contexts = await openContexts();
} );

test.afterAll( async () => {
	// The shop as it was: the plugin's own copy back in place, inactive, the API off, no test zip. The files first
	// (no WP-CLI call can undo them if it fails); every step runs even when one before it failed.
	const steps = [
		restorePlugin,
		() => rmSync( zipDir, { recursive: true, force: true } ),
		() => wp( 'plugin', 'deactivate', LEGACY_PLUGIN ),
		() => wp( 'option', 'update', 'woocommerce_api_enabled', 'no' ),
		() => wp( 'option', 'delete', 'flashnode_connector_settings' ),
	];
	const errors: unknown[] = [];
	for ( const step of steps ) {
		try {
			step();
		} catch ( error ) {
			errors.push( error );
		}
	}
	await contexts?.dispose();
	if ( errors.length ) {
		throw errors[ 0 ];
	}
} );

const legacyCheck = async () => {
	const response = await contexts.admin.get( `${ READINESS }?fresh=true`, {
		headers: { 'X-WP-Nonce': contexts.nonce },
	} );
	expect( response.status() ).toBe( 200 );
	const report = ( await response.json() ) as {
		results: Array< {
			id: string;
			status: string;
			fix_id: string | null;
			fix_question: string | null;
		} >;
	};
	return report.results.find( ( r ) => r.id === 'legacy_api' );
};

const applyFix = () =>
	contexts.admin.post( `${ READINESS }/fixes/legacy_api`, {
		headers: { 'X-WP-Nonce': contexts.nonce },
	} );

test( 'missing plugin: the fix says it will download it, then installs, activates and enables it', async () => {
	wp(
		'option',
		'update',
		'flashnode_connector_settings',
		'{"api_mode":"legacy"}',
		'--format=json'
	);
	wp( 'plugin', 'deactivate', LEGACY_PLUGIN );
	wp( 'option', 'update', 'woocommerce_api_enabled', 'no' );
	renameSync( installed, backup );
	expect( pluginStatus( LEGACY_PLUGIN ) ).toBe( 'missing' );

	const missing = await legacyCheck();
	expect( missing?.status ).toBe( 'error' );
	expect( missing?.fix_id ).toBe( 'legacy_api' );
	expect( missing?.fix_question ).toMatch(
		/^Download the free "WooCommerce Legacy REST API" plugin .* from WordPress\.org, install and activate it/
	);

	// The shop serves the plugin's zip itself; the test-only plugins_api filter points WordPress at it. A broken
	// download first: the fix fails in plain words and leaves the plugin missing.
	mkdirSync( zipDir, { recursive: true } );
	writeFileSync(
		join( zipDir, 'woocommerce-legacy-rest-api.zip' ),
		'not a zip'
	);
	const broken = await applyFix();
	expect( broken.status() ).toBe( 424 );
	expect( ( await broken.json() ).message ).toMatch(
		/^WordPress could not install the "WooCommerce Legacy REST API" plugin: .+\. Check that the plugins folder is writable/
	);
	expect( pluginStatus( LEGACY_PLUGIN ) ).toBe( 'missing' );
	// The shop's own copy, whichever way bin/shop.sh got it (a folder, a zip, the download): see shop.json's sources.
	const zip = new AdmZip();
	zip.addLocalFolder( backup, 'woocommerce-legacy-rest-api' );
	zip.writeZip( join( zipDir, 'woocommerce-legacy-rest-api.zip' ) );

	const fixed = await applyFix();
	expect( fixed.status(), await fixed.text() ).toBe( 200 );
	expect( pluginStatus( LEGACY_PLUGIN ) ).toBe( 'active' );
	expect( wp( 'option', 'get', 'woocommerce_api_enabled' ) ).toBe( 'yes' );
	expect(
		existsSync( join( installed, 'woocommerce-legacy-rest-api.php' ) )
	).toBe( true );
	const after = await legacyCheck();
	expect( after?.fix_id ).not.toBe( 'legacy_api' );
} );
