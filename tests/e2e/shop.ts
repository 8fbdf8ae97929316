/**
 * Facts about the local shop (written by bin/shop.sh to .shop/shop.json) and a way to run its small CLI.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';

export const repoRoot = join( __dirname, '../..' );

/** The shop's folder: FLASHNODE_SHOP_DIR (another shop, e.g. bin/test-compat.sh's), else the repository's .shop/. */
export const shopDir = process.env.FLASHNODE_SHOP_DIR
	? resolvePath( process.env.FLASHNODE_SHOP_DIR )
	: join( repoRoot, '.shop' );

export interface Shop {
	url: string;
	adminUrl: string;
	httpUrl: string;
	user: string;
	password: string;
	caFile: string;
	wpVersion: string;
	wcVersion: string;
	wordpressDir: string;
	phpErrorLog: string;
	debugLog: string;
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

/**
 * Runs `php bin/shop/wp.php <args>` (the shop's WP-CLI stand-in) and returns what it printed.
 *
 * @param args Command and arguments, e.g. [ 'plugin-status', 'woocommerce/woocommerce.php' ].
 */
export function wp( ...args: string[] ): string {
	return execFileSync(
		'php',
		[ join( repoRoot, 'bin/shop/wp.php' ), ...args ],
		{
			encoding: 'utf8',
		}
	).trim();
}

/**
 * Like wp(), but without blocking Node's event loop: use it when the command makes the shop call back into this
 * process (e.g. `run-cron` delivering webhooks to a receiver the test runs) — with wp() the receiver could not
 * answer until the command had given up.
 *
 * @param args Command and arguments, e.g. [ 'run-cron' ].
 */
export function wpAsync( ...args: string[] ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		execFile(
			'php',
			[ join( repoRoot, 'bin/shop/wp.php' ), ...args ],
			{ encoding: 'utf8' },
			( error, stdout, stderr ) =>
				error
					? reject( new Error( `${ error.message }\n${ stderr }` ) )
					: resolve( stdout.trim() )
		);
	} );
}

/**
 * Runs real WP-CLI (Composer's wp-cli/wp-cli, with wp-cli/extension-command from the cache) against the shop
 * through bin/wp-cli/wp.sh, e.g. wpCli( 'option', 'update', 'blogname', 'Shop' ). Throws on a non-zero exit.
 *
 * @param args Command and arguments.
 */
export function wpCli( ...args: string[] ): string {
	return execFileSync(
		'bash',
		[ join( repoRoot, 'bin/wp-cli/wp.sh' ), ...args ],
		{
			encoding: 'utf8',
			stdio: [ 'ignore', 'pipe', 'pipe' ],
		}
	).trim();
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
