/**
 * Hostile values shared by every route family of the hostile-input specs: inert-text payloads, URLs that must
 * never be called, bodies that are not JSON, and PHP-style form encoding to send any of them.
 */

export const MB = 'A'.repeat( 1024 * 1024 );

export type Json =
	null | boolean | number | string | Json[] | { [ key: string ]: Json };

/**
 * Form/query encoding with PHP's bracket syntax for arrays and objects.
 *
 * @param params Parameters (undefined ones are left out).
 */
export function formEncode(
	params: Record< string, Json | undefined >
): string {
	const parts: string[] = [];
	const add = ( name: string, value: Json ) => {
		if ( Array.isArray( value ) ) {
			if ( value.length === 0 ) {
				parts.push( `${ encodeURIComponent( name ) }[]=` );
			}
			value.forEach( ( item, index ) =>
				add( `${ name }[${ index }]`, item )
			);
		} else if ( value !== null && typeof value === 'object' ) {
			if ( Object.keys( value ).length === 0 ) {
				// An empty map still arrives as an array, not as nothing.
				parts.push( `${ encodeURIComponent( name ) }[]=` );
			}
			Object.entries( value ).forEach( ( [ key, item ] ) =>
				add( `${ name }[${ key }]`, item )
			);
		} else {
			parts.push(
				`${ encodeURIComponent( name ) }=${ encodeURIComponent(
					value === null ? '' : String( value )
				) }`
			);
		}
	};
	Object.entries( params ).forEach( ( [ key, value ] ) => {
		if ( value !== undefined ) {
			add( key, value );
		}
	} );
	return parts.join( '&' );
}

/** Raw bytes that are not UTF-8, inside an otherwise ordinary string. */
export const INVALID_UTF8 = Buffer.from( [
	0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62,
] );
export const INVALID_UTF8_ENCODED = '%61%FF%FE%C3%28%62';

/** Strings that must come out of every layer as inert text. */
export const PAYLOADS = [
	"' OR '1'='1",
	'1; DROP TABLE wp_options; --',
	'1 UNION SELECT user_pass FROM wp_users',
	'<script>window.__xss=1</script>',
	'"><img src=x onerror=alert(1)>',
	'${jndi:ldap://10.0.0.1/a}',
	'{{7*7}}',
	'%s%s%s%n%x',
	'../../../../etc/passwd',
	'a:1:{i:0;O:8:"stdClass":0:{}}',
	'x\r\nSet-Cookie: hostile=1',
	'\u202Egnp.exe',
	'nul\u0000byte',
	'😀'.repeat( 50 ),
];

/** Delivery/callback URLs that must be refused (loopback 127.0.0.1/localhost is opened by the test stack). */
export const BAD_URLS = [
	'http://example.com/flashnode',
	'http://10.0.0.1/flashnode',
	'file:///etc/passwd',
	'file://localhost/etc/passwd',
	'gopher://127.0.0.1:6379/_FLUSHALL',
	'gopher://10.0.0.1:25/_HELO',
	'ftp://10.0.0.1/x',
	'dict://127.0.0.1:11211/stat',
	'ldap://10.0.0.1/dc=x',
	'javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'https://10.0.0.1/flashnode',
	'https://10.255.255.254:8443/flashnode',
	'https://172.16.0.1/flashnode',
	'https://172.31.255.254/flashnode',
	'https://192.168.0.1/flashnode',
	'https://192.168.1.254:443/flashnode',
	'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
	'https://169.254.170.2/v2/credentials',
	'https://0.0.0.0/flashnode',
	'https://127.0.0.2/flashnode',
	'https://127.1.2.3/flashnode',
	'https://2130706433/flashnode',
	'https://167772161/flashnode',
	'https://0x7f000001/flashnode',
	'https://[::1]/flashnode',
	'https://[::ffff:10.0.0.1]/flashnode',
	'https://[::ffff:169.254.169.254]/flashnode',
	'https://[fd00::1]/flashnode',
	'https://[fe80::1]/flashnode',
	'https://user:password@example.com/flashnode',
	'https://user@10.0.0.1/flashnode',
	'https://:secret@flashnode.invalid/flashnode',
	'https://admin:admin@127.0.0.1:9/flashnode',
	'https://flashnode.invalid/flashnode',
	'https://service.localhost/flashnode',
	'https:///flashnode',
	'https://',
	'https:',
	'//example.com/flashnode',
	'example.com/flashnode',
	'not a url',
	' https://example.com/flashnode',
	'https://example.com/flash node',
	'https://example.com/flashnode\n',
	'https://example.com/\u0000',
	'https://exa\tmple.com/',
	'https://example.com:99999/flashnode',
	'https://example.com:-1/flashnode',
	`https://example.com/${ 'a'.repeat( 2001 ) }`,
	// Host names longer than DNS allows (PHP's resolver warns about those over 255 characters).
	`https://${ 'a'.repeat( 300 ) }.example/flashnode`,
	`https://${ 'a'.repeat( 64 ) }.example/flashnode`,
	`https://${ MB }`,
	'',
	'   ',
	...PAYLOADS,
];

/** Bodies that are not valid JSON, sent as application/json. */
export const INVALID_JSON: Array< string | Buffer > = [
	'{',
	'{"request_id":',
	'{"request_id":"abcdefgh12",}',
	"{'request_id':'abcdefgh12'}",
	'[1,2',
	'{"a":1}}',
	'{"request_id":"abcdefgh12"}trailing',
	'\uFEFF{"request_id":"abcdefgh12"}',
	'NaN',
	'{"description":"\\ud800"}',
	'{"description":"\\x41"}',
	Buffer.concat( [
		Buffer.from( '{"description":"' ),
		INVALID_UTF8,
		Buffer.from( '","request_id":"abcdefgh12"}' ),
	] ),
	Buffer.from( [ 0xff, 0xfe, 0x7b, 0x7d ] ),
	'['.repeat( 600 ) + ']'.repeat( 600 ),
	'['.repeat( 100000 ),
	`{"description":"${ MB }`,
	'{"request_id":"abcdefgh12","topics":' +
		'['.repeat( 600 ) +
		']'.repeat( 600 ) +
		'}',
	'\u0000',
];
