/**
 * Hostile input, health family (`/wc-flashnode/v1/health`, as the server's REST index lists it): anonymous by
 * design, so garbage credentials of every kind (Authorization headers, query-string keys, OAuth fragments, a
 * browser cookie with a garbage nonce), arguments that are not booleans and methods the route lacks, in both URL
 * forms. No 5xx, no PHP notice, no change in the database, and a 200 is never more than the anonymous summary.
 */
import { test } from './fixtures';
import { HEALTH, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { INVALID_UTF8 } from './hostile/payloads';
import { restPath } from './raw-http';

const h = hostileSetUp();

/** The health route: anonymous by design, so garbage credentials of every kind. */
function healthCases(): Case[] {
	const { admin, foreignKey } = h;
	const cases: Case[] = [];
	const basic = ( raw: string | Buffer ) =>
		'Basic ' + Buffer.from( raw ).toString( 'base64' );
	const authorizations = [
		'Basic !!!not-base64!!!',
		'Basic ',
		basic( ':' ),
		basic( 'ck_only' ),
		basic( `ck_${ 'a'.repeat( 4000 ) }:cs_x` ),
		basic( "ck_' OR '1'='1:cs_' OR '1'='1" ),
		basic( 'ck_<script>:cs_<script>' ),
		basic(
			Buffer.concat( [
				Buffer.from( 'ck_' ),
				INVALID_UTF8,
				Buffer.from( ':cs' ),
			] )
		),
		basic( `${ foreignKey.consumer_key }:cs_wrong` ),
		basic(
			`${ foreignKey.consumer_key.toUpperCase() }:${ foreignKey.consumer_secret }`
		),
		'Bearer eyJhbGciOiJub25lIn0.e30.',
		'Digest username="ck_x", realm="x"',
		'Basic a b c',
	];
	const queries = [
		'details=maybe',
		'details=2',
		'details[]=1',
		'details=%FF',
		'consumer_key[]=x&consumer_secret[]=y',
		'consumer_key[a]=x',
		`consumer_key=${ encodeURIComponent( "ck_' OR '1'='1" ) }&consumer_secret=x`,
		`consumer_key=ck_%FF%FE&consumer_secret=cs_%00`,
		`consumer_key=${ foreignKey.consumer_key }&consumer_secret=cs_wrong`,
		`consumer_key=${ foreignKey.consumer_key }`,
		`consumer_secret=${ foreignKey.consumer_secret }`,
		`consumer_key=&consumer_secret=`,
		`consumer_key=${ 'a'.repeat( 4000 ) }`,
		'oauth_consumer_key=ck_x&oauth_signature=x&oauth_signature_method=HMAC-SHA1&oauth_nonce=x&oauth_timestamp=1',
		'_wpnonce=garbage',
		'_method=DELETE',
	];
	for ( const plain of [ false, true ] ) {
		for ( const authorization of authorizations ) {
			cases.push( {
				name: `health with Authorization ${ authorization.slice( 0, 40 ) }${
					plain ? ' (?rest_route=)' : ''
				}`,
				req: {
					method: 'GET',
					path: restPath( HEALTH, '', plain ),
					headers: { Authorization: authorization },
				},
				expect: [ 200, 401 ],
				health: true,
			} );
		}
		for ( const query of queries ) {
			cases.push( {
				name: `health?${ query.slice( 0, 50 ) }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method: 'GET',
					path: restPath(
						HEALTH,
						encodeURI( query ).replace( /%25/g, '%' ),
						plain
					),
				},
				// ?_method=DELETE turns the GET into a DELETE, which the route does not have: 404. A _wpnonce that
				// does not verify is a 403 from WordPress even without a cookie.
				expect: [ 200, 400, 401, 403, 404 ],
				health: true,
			} );
		}
		for ( const method of [ 'POST', 'PUT', 'PATCH', 'DELETE' ] ) {
			cases.push( {
				name: `health ${ method }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method,
					path: restPath( HEALTH, '', plain ),
					headers: { 'Content-Type': 'application/json' },
					body: '{"details":true,"status":"hacked"}',
				},
				expect: [ 404 ],
			} );
		}
		// A browser session at the health route: the admin's cookie with a garbage nonce must not turn into a diagnosis.
		cases.push( {
			name: `health with the admin's cookie and a garbage nonce${ plain ? ' (?rest_route=)' : '' }`,
			req: {
				method: 'GET',
				path: restPath( HEALTH, 'details=1', plain ),
				headers: { Cookie: admin.cookie, 'X-WP-Nonce': 'garbage' },
			},
			expect: [ 401, 403 ],
			health: true,
		} );
	}
	return cases;
}

test( 'health: garbage credentials and arguments get the anonymous summary or a 4xx, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'health', { extra: healthCases() } );
} );
