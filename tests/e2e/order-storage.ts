/**
 * Switches the shop's order storage for a spec, through WooCommerce's own WP-CLI commands (`wp wc hpos …`), and
 * restores what the shop had: compatibility mode copies the orders across first, so every order survives the
 * switch both ways.
 */
import { wp } from './shop';

const HPOS_OPTION = 'woocommerce_custom_orders_table_enabled';
const SYNC_OPTION = 'woocommerce_custom_orders_table_data_sync_enabled';

export type Storage = 'hpos' | 'posts';

/**
 * An option's value, or '' where the shop has never stored it (`wp option get` fails then).
 *
 * @param name Option name.
 */
function option( name: string ): string {
	try {
		return wp( 'option', 'get', name );
	} catch {
		return '';
	}
}

/** Whether this WooCommerce has the `wp wc hpos` commands that switch storage (WooCommerce ≥ 8.x). */
export function canSwitchStorage(): boolean {
	try {
		wp( 'help', 'wc', 'hpos', 'compatibility-mode' );
		return true;
	} catch {
		return false;
	}
}

export function currentStorage(): Storage {
	return option( HPOS_OPTION ) === 'yes' ? 'hpos' : 'posts';
}

/**
 * Moves the orders to the given storage (compatibility mode off afterwards, as on most shops).
 *
 * @param storage Where orders live from now on.
 */
export function switchStorage( storage: Storage ): void {
	if ( currentStorage() === storage ) {
		return;
	}
	wp( 'wc', 'hpos', 'compatibility-mode', 'enable' );
	wp( 'wc', 'hpos', 'sync' );
	// Back to HPOS even where the Legacy REST API plugin (which declares itself incompatible with it) is active, as
	// it is on this shop while other specs run: the shop had both before the switch.
	wp(
		'wc',
		'hpos',
		...( storage === 'hpos'
			? [ 'enable', '--ignore-plugin-compatibility' ]
			: [ 'disable' ] )
	);
	wp( 'wc', 'hpos', 'compatibility-mode', 'disable' );
}

/**
 * The shop's storage and compatibility mode now, and a function that puts them back.
 */
export function rememberStorage(): () => void {
	const storage = currentStorage();
	const sync = option( SYNC_OPTION );
	return () => {
		if ( currentStorage() === storage ) {
			return;
		}
		switchStorage( storage );
		if ( sync === 'yes' ) {
			wp( 'wc', 'hpos', 'compatibility-mode', 'enable' );
		}
	};
}
