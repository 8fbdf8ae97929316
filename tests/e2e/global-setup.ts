/**
 * Logs the shop owner in once and keeps the session for every test.
 */
import { chromium, type FullConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';

import { readShop } from './shop';

export default async function globalSetup( config: FullConfig ) {
	const shop = readShop();
	const { launchOptions, storageState } = config.projects[ 0 ].use;
	mkdirSync( 'artifacts', { recursive: true } );
	const browser = await chromium.launch( launchOptions );
	const page = await browser.newPage( { ignoreHTTPSErrors: true } );
	await page.goto( `${ shop.url }/wp-login.php` );
	await page.fill( '#user_login', shop.user );
	await page.fill( '#user_pass', shop.password );
	await page.click( '#wp-submit' );
	await page.waitForURL( /wp-admin/ );
	await page.context().storageState( { path: storageState as string } );
	await browser.close();
}
