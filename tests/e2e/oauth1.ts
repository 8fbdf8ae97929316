/**
 * OAuth 1.0a "one-legged" signing as WooCommerce verifies it (WC_REST_Authentication::check_oauth_signature()),
 * written out here so the tests sign independently of the code under test.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { ApiKey } from './support';

/**
 * PHP's rawurlencode(): RFC 3986, which encodeURIComponent() is but for !'()*.
 * @param value Text to encode.
 */
export function rfc3986( value: string ): string {
	return encodeURIComponent( value ).replace(
		/[!'()*]/g,
		( c ) => '%' + c.charCodeAt( 0 ).toString( 16 ).toUpperCase()
	);
}

export interface SignOptions {
	method: string;
	/** The URL WooCommerce rebuilds: get_home_url() + request path, with the scheme the request came in on. */
	signedUrl: string;
	/** Query (and POST) parameters other than oauth_*; they are signed too. */
	params?: Record< string, string >;
	algorithm?: 'HMAC-SHA1' | 'HMAC-SHA256';
	timestamp?: number;
	nonce?: string;
}

/**
 * The oauth_* parameters, signature included, to send in the query string or an `Authorization: OAuth` header.
 *
 * @param key     Consumer key and secret.
 * @param options What is signed.
 */
export function oauth1(
	key: ApiKey,
	options: SignOptions
): Record< string, string > {
	const algorithm = options.algorithm ?? 'HMAC-SHA256';
	const oauth: Record< string, string > = {
		oauth_consumer_key: key.consumer_key,
		oauth_nonce: options.nonce ?? randomBytes( 16 ).toString( 'hex' ),
		oauth_signature_method: algorithm,
		oauth_timestamp: String(
			options.timestamp ?? Math.floor( Date.now() / 1000 )
		),
	};
	const all = { ...( options.params ?? {} ), ...oauth };
	// Sorted by name (strcmp), each "name=value" encoded, then the whole pair encoded again and joined with an
	// encoded "&": WooCommerce's normalize_parameters() + join_with_equals_sign().
	const pairs = Object.keys( all )
		.sort()
		.map( ( name ) =>
			rfc3986( `${ rfc3986( name ) }=${ rfc3986( all[ name ] ) }` )
		);
	const base = [
		options.method.toUpperCase(),
		rfc3986( options.signedUrl ),
		pairs.join( '%26' ),
	].join( '&' );
	const hash = algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256';
	// No token in one-legged OAuth: the key is the secret and "&".
	const signature = createHmac( hash, `${ key.consumer_secret }&` )
		.update( base )
		.digest( 'base64' );
	return { ...oauth, oauth_signature: signature };
}

/**
 * The parameters as an `Authorization: OAuth …` header value.
 *
 * @param oauth The result of oauth1().
 */
export function oauthHeader( oauth: Record< string, string > ): string {
	return (
		'OAuth ' +
		Object.entries( oauth )
			.map( ( [ name, value ] ) => `${ name }="${ rfc3986( value ) }"` )
			.join( ', ' )
	);
}
