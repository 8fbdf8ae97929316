/**
 * `npm run probe -- --url https://shop.example --key ck_… --secret cs_… [--status processing]
 *                   [--since 2026-01-01T00:00:00Z] [--overlap 300] [--per-page 100] [--ca ca.pem] [--json]`
 *
 * Acts as an integration server: health check anonymously and with the key, then one polling run.
 * Exit code 0 when everything worked, 1 when the shop or the key has a problem, 2 for bad arguments.
 *
 * With --follow it is the change feed's reference consumer instead (follow-cli.ts, follow.ts).
 */

import { parseArgs } from 'node:util';

import { readCaFile } from './ca-file';
import { runFollowCli } from './follow-cli';
import { runProbe } from './probe';
import { formatReport } from './report';

const USAGE =
	'usage: npm run probe -- --url <shop URL> --key <ck_…> --secret <cs_…> [--status processing] [--since <ISO date, UTC>] [--overlap <seconds>] [--per-page <1-100>] [--ca <PEM file>] [--json]';

function fail( message: string ): never {
	process.stderr.write( `${ message }\n${ USAGE }\n` );
	process.exit( 2 );
}

async function main(): Promise< void > {
	if ( process.argv.slice( 2 ).includes( '--follow' ) ) {
		process.exit( await runFollowCli( process.argv.slice( 2 ) ) );
	}
	let values;
	try {
		( { values } = parseArgs( {
			options: {
				url: { type: 'string' },
				key: { type: 'string' },
				secret: { type: 'string' },
				status: { type: 'string', default: 'processing' },
				since: { type: 'string' },
				overlap: { type: 'string', default: '300' },
				'per-page': { type: 'string', default: '100' },
				ca: { type: 'string' },
				json: { type: 'boolean', default: false },
			},
			strict: true,
		} ) );
	} catch ( error ) {
		fail( ( error as Error ).message );
	}
	const { url, key, secret } = values;
	if ( ! url || ! key || ! secret ) {
		fail( '--url, --key and --secret are required.' );
	}
	if ( ! /^https?:\/\//.test( url ) ) {
		fail( `--url must be an http:// or https:// address (got ${ url }).` );
	}
	const since = values.since
		? new Date( values.since )
		: new Date( Date.now() - 24 * 3600 * 1000 );
	if ( Number.isNaN( since.getTime() ) ) {
		fail( `--since is not a date: ${ values.since }` );
	}
	const overlapSeconds = Number( values.overlap );
	if ( ! Number.isInteger( overlapSeconds ) || overlapSeconds < 0 ) {
		fail(
			`--overlap must be a whole number of seconds: ${ values.overlap }`
		);
	}
	const perPage = Number( values[ 'per-page' ] );
	if ( ! Number.isInteger( perPage ) || perPage < 1 || perPage > 100 ) {
		fail(
			`--per-page must be a whole number from 1 to 100: ${ values[ 'per-page' ] }`
		);
	}
	let ca: string | undefined;
	try {
		ca = values.ca ? readCaFile( values.ca ) : undefined;
	} catch ( error ) {
		fail( ( error as Error ).message );
	}
	const report = await runProbe( {
		url,
		key,
		secret,
		status: values.status ?? 'processing',
		since,
		overlapSeconds,
		perPage,
		ca,
	} );
	process.stdout.write(
		values.json
			? `${ JSON.stringify( report, null, 2 ) }\n`
			: `${ formatReport( report ) }\n`
	);
	process.exit( report.ok ? 0 : 1 );
}

main().catch( ( error: Error ) => {
	process.stderr.write( `probe failed: ${ error.message }\n` );
	process.exit( 1 );
} );
