/**
 * Test data in the real shop, made through WordPress/WooCommerce APIs (see support/*.php).
 */
import { join } from 'node:path';

import { wp } from './shop';

const script = ( name: string ) => join( __dirname, 'support', name );

export interface ApiKey {
	key_id: number;
	consumer_key: string;
	consumer_secret: string;
}

export function createApiKey(
	permissions: 'read' | 'write' | 'read_write' = 'read_write'
): ApiKey {
	return JSON.parse(
		wp( 'eval-file', script( 'api-key.php' ), 'create', permissions )
	) as ApiKey;
}

export function deleteApiKey( key: ApiKey ): void {
	wp( 'eval-file', script( 'api-key.php' ), 'delete', String( key.key_id ) );
}

/**
 * Creates an order whose modification time (UTC) is `modified`.
 * @param status
 * @param modified
 */
export function createOrder( status: string, modified: Date ): number {
	const stamp = modified.toISOString().slice( 0, 19 ).replace( 'T', ' ' );
	return Number(
		wp( 'eval-file', script( 'orders.php' ), 'create', status, stamp )
	);
}

export function deleteOrders( ids: number[] ): void {
	if ( ids.length > 0 ) {
		wp(
			'eval-file',
			script( 'orders.php' ),
			'delete',
			...ids.map( String )
		);
	}
}

/**
 * Creates one of the local shop's sample orders (products, addresses, payment method; bin/shop/lib/woocommerce.php).
 * @param status
 */
export function createSampleOrder( status: string ): number {
	return Number(
		wp( 'eval-file', script( 'orders.php' ), 'sample', status )
	);
}

export function basicAuth( key: ApiKey ): string {
	return (
		'Basic ' +
		Buffer.from(
			`${ key.consumer_key }:${ key.consumer_secret }`
		).toString( 'base64' )
	);
}

export interface AppPassword {
	user: string;
	password: string;
	uuid: string;
}

/**
 * An application password (WordPress core), creating the user with `role` when missing.
 * @param user
 * @param role
 */
export function createAppPassword( user: string, role: string ): AppPassword {
	return JSON.parse(
		wp( 'eval-file', script( 'app-password.php' ), 'create', user, role )
	) as AppPassword;
}

export function deleteAppPassword( password: AppPassword ): void {
	wp(
		'eval-file',
		script( 'app-password.php' ),
		'delete',
		password.user,
		password.uuid
	);
}

export function appPasswordAuth( password: AppPassword ): string {
	return (
		'Basic ' +
		Buffer.from( `${ password.user }:${ password.password }` ).toString(
			'base64'
		)
	);
}

export function scheduleOverdueDeliveries( count: number ): void {
	wp( 'eval-file', script( 'scheduler.php' ), 'overdue', String( count ) );
}

export function clearOverdueDeliveries(): void {
	wp( 'eval-file', script( 'scheduler.php' ), 'clear' );
}
