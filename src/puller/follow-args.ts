/**
 * The arguments of `npm run probe -- --follow …`, checked before anything is sent (exit code 2 on a mistake).
 */
import { parseArgs } from 'node:util';

import { isLoopback, validatePostUrl } from './handlers';

export const FOLLOW_USAGE =
	'usage: npm run probe -- --follow --url <shop URL> --key <ck_…> --secret <cs_…> --cursor-file <path> [--handler print|post] [--post-url <https URL>] [--statuses a,b] [--limit <1-500>] [--interval <seconds>] [--once] [--clock-skew <seconds>] [--ca <PEM file>]\n' +
	'       (the key and secret may come from FLASHNODE_CONSUMER_KEY / FLASHNODE_CONSUMER_SECRET instead, kept out of the process list)';

export interface FollowArgs {
	url: string;
	key: string;
	secret: string;
	cursorFile: string;
	handler: 'print' | 'post';
	postUrl?: URL;
	statuses: string[];
	limit: number;
	intervalMs: number;
	once: boolean;
	clockSkewSeconds: number;
	caFile?: string;
}

/** A mistake in the arguments; the message says what to send instead. */
export class ArgsError extends Error {}

/** Longest --clock-skew: a day either way (the fault test uses ±600 s). */
const MAX_SKEW_SECONDS = 86_400;

function wholeNumber(
	raw: string,
	name: string,
	min: number,
	max: number
): number {
	const value = Number( raw );
	if ( ! /^-?\d+$/.test( raw ) || value < min || value > max ) {
		throw new ArgsError(
			`${ name } must be a whole number from ${ min } to ${ max }: ${ raw }`
		);
	}
	return value;
}

/**
 * Parses and checks follow-mode arguments.
 *
 * @param argv Arguments after the script name.
 * @param env  Environment (for the key and secret).
 */
export function parseFollowArgs(
	argv: string[],
	env: NodeJS.ProcessEnv
): FollowArgs {
	let values;
	try {
		( { values } = parseArgs( {
			args: argv,
			options: {
				follow: { type: 'boolean' },
				url: { type: 'string' },
				key: { type: 'string' },
				secret: { type: 'string' },
				'cursor-file': { type: 'string' },
				handler: { type: 'string', default: 'print' },
				'post-url': { type: 'string' },
				statuses: { type: 'string' },
				limit: { type: 'string', default: '100' },
				interval: { type: 'string', default: '60' },
				once: { type: 'boolean', default: false },
				'clock-skew': { type: 'string', default: '0' },
				ca: { type: 'string' },
			},
			strict: true,
			allowPositionals: false,
		} ) );
	} catch ( error ) {
		throw new ArgsError( ( error as Error ).message );
	}
	const key = values.key ?? env.FLASHNODE_CONSUMER_KEY;
	const secret = values.secret ?? env.FLASHNODE_CONSUMER_SECRET;
	if ( ! values.url || ! key || ! secret ) {
		throw new ArgsError(
			'--url, --key and --secret (or FLASHNODE_CONSUMER_KEY and FLASHNODE_CONSUMER_SECRET) are required.'
		);
	}
	if ( ! /^https?:\/\/[^/]/.test( values.url ) ) {
		throw new ArgsError(
			`--url must be an http:// or https:// address (got ${ values.url }).`
		);
	}
	// The key travels as Basic auth: in clear text only to this machine, as the POST handler's rule.
	if (
		values.url.startsWith( 'http:' ) &&
		! isLoopback( new URL( values.url ).hostname )
	) {
		throw new ArgsError(
			`--url must be https:// unless the shop is on this machine: the key would travel in clear text (got ${ values.url }).`
		);
	}
	const cursorFile = values[ 'cursor-file' ];
	if ( ! cursorFile ) {
		throw new ArgsError(
			'--cursor-file is required: the puller keeps its position there and resumes from it.'
		);
	}
	const handler = values.handler;
	if ( handler !== 'print' && handler !== 'post' ) {
		throw new ArgsError( `--handler must be print or post: ${ handler }` );
	}
	let postUrl: URL | undefined;
	if ( handler === 'post' ) {
		if ( ! values[ 'post-url' ] ) {
			throw new ArgsError( '--handler post needs --post-url.' );
		}
		try {
			postUrl = validatePostUrl( values[ 'post-url' ] );
		} catch ( error ) {
			throw new ArgsError( ( error as Error ).message );
		}
	} else if ( values[ 'post-url' ] ) {
		throw new ArgsError( '--post-url goes with --handler post.' );
	}
	const statuses = values.statuses
		? values.statuses.split( ',' ).map( ( status ) => status.trim() )
		: [];
	if (
		statuses.some( ( status ) => ! /^[a-z0-9_-]{1,40}$/.test( status ) )
	) {
		throw new ArgsError(
			`--statuses must be a comma-separated list of order statuses without "wc-", e.g. processing,completed: ${ values.statuses }`
		);
	}
	const interval = Number( values.interval );
	if (
		! /^\d+(\.\d+)?$/.test( values.interval ) ||
		interval < 0.1 ||
		interval > 3600
	) {
		throw new ArgsError(
			`--interval must be a number of seconds from 0.1 to 3600: ${ values.interval }`
		);
	}
	return {
		url: values.url.replace( /\/+$/, '' ),
		key,
		secret,
		cursorFile,
		handler,
		postUrl,
		statuses,
		limit: wholeNumber( values.limit, '--limit', 1, 500 ),
		intervalMs: Math.round( interval * 1000 ),
		once: values.once,
		clockSkewSeconds: wholeNumber(
			values[ 'clock-skew' ],
			'--clock-skew',
			-MAX_SKEW_SECONDS,
			MAX_SKEW_SECONDS
		),
		caFile: values.ca,
	};
}
