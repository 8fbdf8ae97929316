/**
 * `npm run probe -- --follow …`: wires the checked arguments to follow(), and turns outcomes into exit codes —
 * 0 stopped (SIGTERM/SIGINT, or --once with the feed drained), 1 the shop refused (key, permission, cursor ahead
 * of the log), 2 bad arguments (an unreadable --ca file included) or an unusable cursor file. Log lines go to
 * stderr; the print handler's JSON lines to stdout. Neither ever carries the key or the secret.
 */
import { CaFileError, readCaFile } from './ca-file';
import { CursorFileError } from './cursor-file';
import { FatalFeedError } from './feed-client';
import { follow } from './follow';
import { ArgsError, FOLLOW_USAGE, parseFollowArgs } from './follow-args';
import { postHandler, printHandler } from './handlers';

export async function runFollowCli( argv: string[] ): Promise< number > {
	let args;
	try {
		args = parseFollowArgs( argv, process.env );
	} catch ( error ) {
		if ( error instanceof ArgsError ) {
			process.stderr.write( `${ error.message }\n${ FOLLOW_USAGE }\n` );
			return 2;
		}
		throw error;
	}
	let ca: string | undefined;
	try {
		ca = args.caFile ? readCaFile( args.caFile ) : undefined;
	} catch ( error ) {
		if ( error instanceof CaFileError ) {
			process.stderr.write( `${ error.message }\n${ FOLLOW_USAGE }\n` );
			return 2;
		}
		throw error;
	}
	const handler = args.postUrl
		? postHandler( { url: args.postUrl, ca } )
		: printHandler( ( line ) => process.stdout.write( line ) );
	const stop = new AbortController();
	const onSignal = () => stop.abort();
	process.once( 'SIGTERM', onSignal );
	process.once( 'SIGINT', onSignal );
	try {
		await follow( {
			target: {
				url: args.url,
				credentials: { key: args.key, secret: args.secret },
				ca,
			},
			cursorFile: args.cursorFile,
			handler,
			limit: args.limit,
			statuses: args.statuses,
			intervalMs: args.intervalMs,
			once: args.once,
			clockSkewSeconds: args.clockSkewSeconds,
			log: ( line ) => process.stderr.write( `${ line }\n` ),
			signal: stop.signal,
		} );
		return 0;
	} catch ( error ) {
		if ( error instanceof CursorFileError ) {
			process.stderr.write( `${ error.message }\n` );
			return 2;
		}
		if ( error instanceof FatalFeedError ) {
			const hint =
				error.code === 'flashnode_feed_cursor_ahead'
					? ` Move ${ args.cursorFile } away to start again from the beginning (the receiver's de-duplication absorbs the repeats).`
					: '';
			process.stderr.write( `${ error.message }${ hint }\n` );
			return 1;
		}
		throw error;
	}
}
