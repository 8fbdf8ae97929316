/**
 * Browser tests in Debian's Chromium against the local shop (`npm start`). Never downloads a browser.
 */
import { defineConfig } from '@playwright/test';

import { adminStateFile, readShop } from './tests/e2e/shop';

const shop = readShop();

export default defineConfig( {
	testDir: './tests/e2e',
	outputDir: './artifacts/e2e',
	// One shop, one database: tests that change plugins or options must not interleave.
	workers: 1,
	fullyParallel: false,
	forbidOnly: !! process.env.CI,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: [
		[ 'list' ],
		[ 'json', { outputFile: 'artifacts/e2e-results.json' } ],
	],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		baseURL: shop.url,
		storageState: adminStateFile,
		// The shop's certificate comes from a CA generated on this machine (.shop/tls/ca.pem).
		ignoreHTTPSErrors: true,
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		},
	},
} );
