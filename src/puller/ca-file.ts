/**
 * The `--ca <PEM file>` of both puller commands: read before anything is sent, so a mistyped path is a usage
 * error (exit code 2 with a message naming the file), not a failed connection later.
 */
import { readFileSync } from 'node:fs';

/** A --ca file that cannot be used; both commands print its message and the usage, and exit with 2. */
export class CaFileError extends Error {}

/**
 * The PEM text of a certificate authority file.
 *
 * @param path The --ca argument.
 * @throws CaFileError When the file cannot be read or holds no PEM certificate.
 */
export function readCaFile( path: string ): string {
	let pem: string;
	try {
		pem = readFileSync( path, 'utf8' );
	} catch ( error ) {
		const code = ( error as NodeJS.ErrnoException ).code;
		throw new CaFileError(
			`--ca ${ path }: ${
				code === 'ENOENT'
					? 'no such file'
					: `cannot be read (${ code ?? ( error as Error ).message })`
			}.`
		);
	}
	if ( ! /-----BEGIN (TRUSTED )?CERTIFICATE-----/.test( pem ) ) {
		throw new CaFileError(
			`--ca ${ path } holds no PEM certificate (-----BEGIN CERTIFICATE-----).`
		);
	}
	return pem;
}
