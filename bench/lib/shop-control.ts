/**
 * Starting the shop for the bench (FLASHNODE_SHOP_DIR like the rest of the tooling) and switching the plugin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	PLUGIN_FILE,
	repoRoot,
	shopDir,
	wp,
	type Shop,
} from '../../tests/e2e/shop';
import { log } from './config';

/**
 * Ports for bin/shop.sh: the environment's, or else those of the shop already set up
 * in FLASHNODE_SHOP_DIR (default: this checkout's .shop/). Starting
 * an existing shop with other ports would rewrite its wp-config.php to another checkout's database.
 */
function shopEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	const shopJson = join( shopDir, 'shop.json' );
	const wpConfig = join( shopDir, 'wordpress/wp-config.php' );
	if ( existsSync( shopJson ) ) {
		const known = JSON.parse( readFileSync( shopJson, 'utf8' ) ) as Shop;
		env.FLASHNODE_HTTPS_PORT ||= new URL( known.url ).port;
		env.FLASHNODE_HTTP_PORT ||= new URL( known.httpUrl ).port;
	}
	if ( existsSync( wpConfig ) ) {
		const dbHost = /'DB_HOST',\s*'[^':]+:(\d+)'/.exec(
			readFileSync( wpConfig, 'utf8' )
		);
		if ( dbHost ) {
			env.FLASHNODE_DB_PORT ||= dbHost[ 1 ];
		}
	}
	return env;
}

export function startShop(): void {
	const env = shopEnvironment();
	log(
		`bash bin/shop.sh start (HTTPS ${ env.FLASHNODE_HTTPS_PORT || 'default' }, HTTP ${
			env.FLASHNODE_HTTP_PORT || 'default'
		}, DB ${ env.FLASHNODE_DB_PORT || 'default' })`
	);
	execFileSync( 'bash', [ join( repoRoot, 'bin/shop.sh' ), 'start' ], {
		env,
		stdio: [ 'ignore', process.stderr, process.stderr ],
	} );
	// WP-CLI (bin/wp-cli/wp.sh) reads the HTTPS port from here.
	Object.assign( process.env, {
		FLASHNODE_HTTPS_PORT: env.FLASHNODE_HTTPS_PORT,
		FLASHNODE_HTTP_PORT: env.FLASHNODE_HTTP_PORT,
		FLASHNODE_DB_PORT: env.FLASHNODE_DB_PORT,
	} );
}

export const supportScript = join(
	repoRoot,
	'tests/stack/bench/bench-support.php'
);

export function setPluginActive( active: boolean ): void {
	wp( 'plugin', active ? 'activate' : 'deactivate', PLUGIN_FILE );
}
