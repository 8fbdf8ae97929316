/**
 * Rows made or looked up through tests/e2e/support/security.php for the security and hostile-input specs: a
 * key or webhook of the plugin stored exactly as given, another integration's webhook, options holding a value.
 */
import { join } from 'node:path';

import { wp } from './shop';

const supportScript = join( __dirname, 'support', 'security.php' );

/**
 * Names of all options whose stored value contains one of the needles.
 *
 * @param needles Strings to look for.
 */
export function optionsContaining( ...needles: string[] ): string[] {
	return JSON.parse(
		wp( 'eval-file', supportScript, 'options-containing', ...needles )
	) as string[];
}

/**
 * A key of the plugin with its description stored exactly as given (see support/security.php).
 *
 * @param description Description.
 */
export function rawKey( description: string ): number {
	return Number( wp( 'eval-file', supportScript, 'raw-key', description ) );
}

/**
 * A paused webhook of the plugin with its name stored exactly as given.
 *
 * @param name        Name.
 * @param deliveryUrl Delivery URL.
 */
export function rawWebhook( name: string, deliveryUrl: string ): number {
	return Number(
		wp( 'eval-file', supportScript, 'raw-webhook', name, deliveryUrl )
	);
}

/**
 * A paused WooCommerce webhook that is not the plugin's (another integration's): the plugin must never act on it.
 * @param deliveryUrl
 */
export function foreignWebhook( deliveryUrl: string ): number {
	return Number(
		wp( 'eval-file', supportScript, 'foreign-webhook', deliveryUrl )
	);
}

export function deleteWebhook( id: number ): void {
	wp( 'eval-file', supportScript, 'delete-webhook', String( id ) );
}
