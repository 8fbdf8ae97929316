/**
 * Facts about the local shop (written by bin/shop.sh to .shop/shop.json) and WP-CLI against it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';

export const repoRoot = join( __dirname, '../..' );

/** The shop's folder: FLASHNODE_SHOP_DIR (another shop, e.g. bin/test-compat.sh's), else the repository's .shop/. */
export const shopDir = process.env.FLASHNODE_SHOP_DIR
	? resolvePath( process.env.FLASHNODE_SHOP_DIR )
	: join( repoRoot, '.shop' );

/**
 * The admin's logged-in browser state (global-setup.ts writes it, the specs and api-contexts.ts use it), kept with
 * its shop: runs against two shops at once (a second FLASHNODE_SHOP_DIR) each log in to their own, where one file
 * in artifacts/ had each run use the other's cookies (the REST nonce came back "0").
 */
export const adminStateFile = join( shopDir, 'e2e-admin-state.json' );

/**
 * Where bin/shop.sh took a tree from: FLASHNODE_*_SOURCE ("environment": a zip or a folder), the cache folder
 * ("cache"), the official download ("download", with its url), or "installed copy" for a shop set up before the
 * record existed. Read it from here: the trees come in any of these ways, never from one fixed folder.
 */
export interface ShopSource {
	from: 'environment' | 'cache' | 'download' | 'installed copy';
	path?: string;
	url?: string;
}

export interface Shop {
	url: string;
	adminUrl: string;
	httpUrl: string;
	user: string;
	password: string;
	caFile: string;
	wpVersion: string;
	wcVersion: string;
	/** null on WooCommerce < 9.0 (built in) or when no copy was found. */
	wcLegacyRestApiVersion: string | null;
	wordpressDir: string;
	phpErrorLog: string;
	debugLog: string;
	sources: {
		wordpress: ShopSource | null;
		woocommerce: ShopSource | null;
		woocommerceLegacyRestApi: ShopSource | null;
	};
}

export function readShop(): Shop {
	const file = join( shopDir, 'shop.json' );
	if ( ! existsSync( file ) ) {
		throw new Error(
			'The local shop is not set up: run `npm start` (or `bash bin/shop.sh start`) first.'
		);
	}
	return JSON.parse( readFileSync( file, 'utf8' ) ) as Shop;
}

const wpCliScript = join( repoRoot, 'bin/wp-cli/wp.sh' );

/**
 * Runs WP-CLI against the shop (bin/wp-cli/wp.sh: Composer's wp-cli/wp-cli with `wp plugin`, `wp eval-file` and
 * `wp cron` from the cache) and returns what it printed, e.g. wp( 'option', 'update', 'blogname', 'Shop' ).
 * Throws on a non-zero exit, with WP-CLI's error in the message.
 *
 * @param args Command and arguments.
 */
export function wp( ...args: string[] ): string {
	return execFileSync( 'bash', [ wpCliScript, ...args ], {
		encoding: 'utf8',
		stdio: [ 'ignore', 'pipe', 'pipe' ],
	} ).trim();
}

/**
 * Like wp(), but without blocking Node's event loop: use it when the command makes the shop call back into this
 * process (e.g. running the queue that delivers webhooks to a receiver the test runs) — with wp() the receiver could
 * not answer until the command had given up.
 *
 * @param args Command and arguments.
 */
export function wpAsync( ...args: string[] ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		execFile(
			'bash',
			[ wpCliScript, ...args ],
			{ encoding: 'utf8' },
			( error, stdout, stderr ) =>
				error
					? reject( new Error( `${ error.message }\n${ stderr }` ) )
					: resolve( stdout.trim() )
		);
	} );
}

/**
 * Runs what is due now instead of waiting for a visitor: WP-Cron's due events, then Action Scheduler's queue
 * (webhook deliveries and WooCommerce's background jobs; --force: also while a web request's runner holds its batch).
 */
export async function runDueJobs(): Promise< void > {
	await wpAsync( 'cron', 'event', 'run', '--due-now' );
	await wpAsync( 'action-scheduler', 'run', '--force' );
}

/**
 * A plugin's status as WP-CLI lists it (active, inactive, …), or "missing" when it is not installed.
 *
 * @param file Plugin file, e.g. PLUGIN_FILE.
 */
export function pluginStatus( file: string ): string {
	const plugins = JSON.parse(
		wp(
			'plugin',
			'list',
			'--fields=file,status',
			'--format=json',
			'--skip-update-check'
		)
	) as Array< { file: string; status: string } >;
	return (
		plugins.find( ( plugin ) => plugin.file === file )?.status ?? 'missing'
	);
}

/**
 * Deletes a plugin as wp-admin does: deactivated first, then uninstalled (its uninstall.php runs) and deleted in
 * another process, which does not load it. Asynchronously: uninstalling may notify a receiver this process runs.
 *
 * @param file Plugin file, e.g. PLUGIN_FILE.
 */
export async function deletePlugin( file: string ): Promise< void > {
	await wpAsync( 'plugin', 'deactivate', file );
	await wpAsync( 'plugin', 'uninstall', file );
}

export const PLUGIN_FILE = 'flashnode-connector/flashnode-connector.php';
export const WOOCOMMERCE_FILE = 'woocommerce/woocommerce.php';
export const LEGACY_API_FILE =
	'woocommerce-legacy-rest-api/woocommerce-legacy-rest-api.php';

/**
 * Runs `bash bin/shop.sh <args>` (e.g. [ 'php-handler', 'fpm' ]).
 * @param {...any} args
 */
export function shopCommand( ...args: string[] ): void {
	execFileSync( 'bash', [ join( repoRoot, 'bin/shop.sh' ), ...args ], {
		stdio: 'ignore',
	} );
}

/**
 * Path of a test-only must-use plugin in the shop (written and removed by tests themselves).
 * @param name
 */
function muPluginPath( name: string ): string {
	return join(
		readShop().wordpressDir,
		'wp-content/mu-plugins',
		`${ name }.php`
	);
}

export function writeMuPlugin( name: string, php: string ): void {
	writeFileSync(
		muPluginPath( name ),
		`<?php\n// Written by a browser test; removed when it ends.\n${ php }\n`
	);
}

export function removeMuPlugin( name: string ): void {
	rmSync( muPluginPath( name ), { force: true } );
}
