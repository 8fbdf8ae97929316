/**
 * The puller's --ca file: read up front, with a message naming the file when it cannot be used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CaFileError, readCaFile } from '../../src/puller/ca-file';

const dir = mkdtempSync( join( tmpdir(), 'flashnode-ca-' ) );
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

test( 'a PEM file is read as it is', () => {
	const file = join( dir, 'ca.pem' );
	writeFileSync( file, PEM );
	expect( readCaFile( file ) ).toBe( PEM );
} );

test( 'a missing file, a folder and a file without a certificate are usage errors naming the path', () => {
	const missing = join( dir, 'missing.pem' );
	expect( () => readCaFile( missing ) ).toThrow(
		new CaFileError( `--ca ${ missing }: no such file.` )
	);
	expect( () => readCaFile( dir ) ).toThrow( CaFileError );
	expect( () => readCaFile( dir ) ).toThrow( /cannot be read \(EISDIR\)/ );
	const key = join( dir, 'key.pem' );
	writeFileSync( key, '-----BEGIN PRIVATE KEY-----\n' );
	expect( () => readCaFile( key ) ).toThrow(
		`--ca ${ key } holds no PEM certificate`
	);
} );
