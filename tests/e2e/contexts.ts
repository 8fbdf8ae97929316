/**
 * The two ways the specs call the shop's routes: as the logged-in shop owner (the admin's browser session and
 * the REST nonce the settings page sends), and as an integration server (no cookies at all: request contexts
 * would otherwise inherit the admin's session from playwright.config.ts).
 */
import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
} from '@playwright/test';

import { readShop } from './shop';

export interface Contexts {
	admin: APIRequestContext;
	nonce: string;
	bare: APIRequestContext;
	dispose: () => Promise< void >;
}

export async function openContexts(): Promise< Contexts > {
	const { url } = readShop();
	const admin = await playwrightRequest.newContext( {
		baseURL: url,
		ignoreHTTPSErrors: true,
		storageState: 'artifacts/e2e-admin-state.json',
	} );
	const nonce = await (
		await admin.get( '/wp-admin/admin-ajax.php?action=rest-nonce' )
	).text();
	expect( nonce ).toMatch( /^[0-9a-f]{10}$/ );
	const bare = await playwrightRequest.newContext( {
		baseURL: url,
		ignoreHTTPSErrors: true,
		storageState: { cookies: [], origins: [] },
	} );
	return {
		admin,
		nonce,
		bare,
		dispose: async () => {
			await admin.dispose();
			await bare.dispose();
		},
	};
}
