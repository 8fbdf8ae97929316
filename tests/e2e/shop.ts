/**
 * Facts about the local shop (written by bin/shop.sh to .shop/shop.json) and a way to run its small CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join( __dirname, '../..' );

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
	const file = join( repoRoot, '.shop/shop.json' );
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

export const PLUGIN_FILE = 'flashnode-connector/flashnode-connector.php';
export const WOOCOMMERCE_FILE = 'woocommerce/woocommerce.php';
