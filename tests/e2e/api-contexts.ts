/**
 * Playwright request contexts on the local shop for the specs that call its REST API as a browser would: the
 * admin's session (the state global-setup.ts saved) with the REST nonce the settings page sends, and a context
 * without cookies (for calls signed with keys or application passwords, which WordPress ignores when a session
 * cookie arrives too); and the check of a refusal's answer.
 */
import {
	request as playwrightRequest,
	type APIRequestContext,
	type APIResponse,
} from '@playwright/test';

import { expect } from './fixtures';
import { adminStateFile, readShop } from './shop';

/** The plugin's readiness route, as the settings page calls it. */
export const READINESS = '/wp-json/flashnode/v1/readiness';

export interface Contexts {
	admin: APIRequestContext;
	nonce: string;
	bare: APIRequestContext;
	dispose: () => Promise< void >;
}

/**
 * As an integration server calls: no cookies at all (said, not assumed: the config's storageState would bring
 * the admin's session).
 */
export function serverContext(): Promise< APIRequestContext > {
	return playwrightRequest.newContext( {
		baseURL: readShop().url,
		ignoreHTTPSErrors: true,
		storageState: { cookies: [], origins: [] },
	} );
}

export async function openContexts(): Promise< Contexts > {
	const { url } = readShop();
	const admin = await playwrightRequest.newContext( {
		baseURL: url,
		ignoreHTTPSErrors: true,
		storageState: adminStateFile,
	} );
	const nonce = await (
		await admin.get( '/wp-admin/admin-ajax.php?action=rest-nonce' )
	).text();
	expect( nonce ).toMatch( /^[0-9a-f]{10}$/ );
	const bare = await serverContext();
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

/**
 * A refusal as the API promises it: 401 with a stable code and a message that says what to do.
 *
 * @param response        The answer.
 * @param refusal         What it must say.
 * @param refusal.code    The code.
 * @param refusal.message The message.
 */
export async function expectRefusal(
	response: APIResponse,
	refusal: { code: string; message: RegExp }
): Promise< void > {
	expect( response.status() ).toBe( 401 );
	const body = await response.json();
	expect( body.code ).toBe( refusal.code );
	expect( body.message ).toMatch( refusal.message );
}
