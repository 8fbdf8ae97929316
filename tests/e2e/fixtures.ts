/**
 * Every browser test fails when, while it ran, the shop logged a PHP notice, warning or deprecation from the
 * plugin's files (WP_DEBUG is on in the local shop) or the page threw a JavaScript error.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';

import { readShop } from './shop';

const shop = readShop();
const logs = [ shop.phpErrorLog, shop.debugLog ];

const sizeOf = ( file: string ) =>
	existsSync( file ) ? statSync( file ).size : 0;

/**
 * Log lines written since `offsets` that come from the plugin (its files or its debug-guard reports).
 * @param offsets
 */
export function pluginLogLinesSince( offsets: number[] ): string[] {
	return logs.flatMap( ( file, index ) => {
		if ( ! existsSync( file ) ) {
			return [];
		}
		return readFileSync( file )
			.subarray( offsets[ index ] )
			.toString( 'utf8' )
			.split( '\n' )
			.filter( ( line ) =>
				/plugins\/flashnode-connector\/|Flashnode debug guard/.test(
					line
				)
			);
	} );
}

export const test = base.extend< { pluginLogGuard: void; jsErrors: string[] } >(
	{
		jsErrors: async ( { page }, provide ) => {
			const errors: string[] = [];
			page.on( 'pageerror', ( error ) => errors.push( error.message ) );
			await provide( errors );
		},
		pluginLogGuard: [
			async ( {}, provide ) => {
				const offsets = logs.map( sizeOf );
				await provide();
				expect(
					pluginLogLinesSince( offsets ),
					'PHP notices from the plugin'
				).toEqual( [] );
			},
			{ auto: true },
		],
	}
);

export { expect };

export const SETTINGS_TAB =
	'/wp-admin/admin.php?page=wc-settings&tab=flashnode';

/**
 * Opens (or reloads) WooCommerce > Settings > Flashnode and waits until every panel has its answer: panels grow
 * as their routes answer, and a click aimed while one above still grows lands on whatever moved under it.
 *
 * @param page   The browser page.
 * @param reload Reload the tab already open instead of navigating to it.
 */
export async function openSettingsTab( page: Page, reload = false ) {
	await ( reload ? page.reload() : page.goto( SETTINGS_TAB ) );
	await expect( page.locator( '[data-settled="true"]' ) ).toBeAttached( {
		timeout: 60_000,
	} );
}
