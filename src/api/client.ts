/**
 * Calls to the plugin's admin routes. api-fetch adds the REST nonce WordPress printed for the logged-in user.
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';

export const NAMESPACE = '/flashnode/v1';

type Method = 'GET' | 'POST' | 'DELETE';

export function request< T >(
	path: string,
	method: Method = 'GET',
	data?: Record< string, unknown >
): Promise< T > {
	return apiFetch< T >( { path: NAMESPACE + path, method, data } );
}

/**
 * The message to show for a failed call: the route's own message (WordPress REST errors carry one), else a
 * generic one. Never the raw object.
 *
 * @param error Whatever the call rejected with.
 */
export function errorMessage( error: unknown ): string {
	if ( typeof error === 'object' && error !== null ) {
		const record = error as Record< string, unknown >;
		const details = record.data as
			{ params?: Record< string, unknown > } | undefined;
		// rest_invalid_param: the per-field reasons say more than "Invalid parameter(s)".
		const params = details?.params ? Object.values( details.params ) : [];
		if (
			params.length > 0 &&
			params.every( ( p ) => typeof p === 'string' )
		) {
			return params.join( ' ' );
		}
		if ( typeof record.message === 'string' && record.message !== '' ) {
			return record.message;
		}
	}
	return __(
		'The request failed. Check your connection and reload the page.',
		'flashnode-connector'
	);
}

/**
 * A fresh id for one click, so the server acts once even if the request is sent twice.
 */
export function newRequestId(): string {
	const bytes = new Uint8Array( 16 );
	// crypto.randomUUID() needs a secure context; getRandomValues() also works on a plain-http admin.
	window.crypto.getRandomValues( bytes );
	return Array.from( bytes, ( b ) =>
		b.toString( 16 ).padStart( 2, '0' )
	).join( '' );
}
