import { createHmac } from 'node:crypto';

import { parseHandoff, verifySignature } from '../../src/puller/receiver';

describe( 'verifySignature', () => {
	const secret = 'Zx8s0uN1yq4Lw2';
	const body = Buffer.from( '{"id":42,"status":"processing","note":"ü"}' );
	const signature = createHmac( 'sha256', secret )
		.update( body )
		.digest( 'base64' );

	it( 'accepts WooCommerce’s signature of the raw body', () => {
		expect( verifySignature( body, secret, signature ) ).toBe( true );
	} );

	it( 'refuses a changed body, another secret, a missing or malformed header', () => {
		expect(
			verifySignature( Buffer.from( body + ' ' ), secret, signature )
		).toBe( false );
		expect( verifySignature( body, secret + 'x', signature ) ).toBe(
			false
		);
		expect( verifySignature( body, secret, undefined ) ).toBe( false );
		expect( verifySignature( body, secret, [ signature ] ) ).toBe( false );
		expect( verifySignature( body, secret, 'not base64!' ) ).toBe( false );
		expect( verifySignature( body, '', signature ) ).toBe( false );
	} );
} );

describe( 'parseHandoff', () => {
	const handoff = {
		site_url: 'https://shop.example',
		consumer_key: 'ck_1',
		consumer_secret: 'cs_1',
		key_permissions: 'read_write',
		key_id: 3,
		user_id: 1,
		plugin_version: '0.3.0',
	};

	it( 'reads the contract’s fields', () => {
		expect( parseHandoff( JSON.stringify( handoff ) ) ).toEqual( handoff );
	} );

	it( 'refuses bodies that are not a complete hand-off', () => {
		expect( parseHandoff( '{' ) ).toBeNull();
		expect( parseHandoff( 'null' ) ).toBeNull();
		expect(
			parseHandoff( JSON.stringify( { ...handoff, key_id: '3' } ) )
		).toBeNull();
		const { consumer_secret: omitted, ...partial } = handoff;
		expect( omitted ).toBe( 'cs_1' );
		expect( parseHandoff( JSON.stringify( partial ) ) ).toBeNull();
	} );
} );
