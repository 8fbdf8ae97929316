/**
 * The follow-mode puller as the reliability run drives it: a child process (`src/puller/cli.ts --follow`),
 * exactly as an integrator runs it, with the key in the environment, its log kept for the report and checked for
 * the secret, and killed like a crashing server would be (SIGKILL: no cleanup, no last write).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { repoRoot } from '../../tests/e2e/shop';

export interface PullerRun {
	skewSeconds: number;
	child: ChildProcess;
	/** stderr, the puller's log. */
	log: string[];
	exited: Promise< { code: number | null; signal: string | null } >;
}

export interface PullerSettings {
	url: string;
	caFile: string;
	key: string;
	secret: string;
	cursorFile: string;
	postUrl: string;
	limit: number;
}

/**
 * Starts one puller process.
 *
 * @param settings    Shop, key, cursor file, receiver.
 * @param skewSeconds Its clock's offset (--clock-skew).
 * @param extra       More arguments (e.g. --once).
 */
export function startPuller(
	settings: PullerSettings,
	skewSeconds: number,
	extra: string[] = []
): PullerRun {
	// One process (node with tsx's loader), not the tsx wrapper: the wrapper runs the script in a child of its own,
	// which a SIGKILL of the wrapper would leave running — a second puller instead of a crashed one.
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			join( repoRoot, 'src/puller/cli.ts' ),
			'--follow',
			'--url',
			settings.url,
			'--ca',
			settings.caFile,
			'--cursor-file',
			settings.cursorFile,
			'--handler',
			'post',
			'--post-url',
			settings.postUrl,
			'--limit',
			String( settings.limit ),
			'--interval',
			'0.5',
			`--clock-skew=${ skewSeconds }`,
			...extra,
		],
		{
			cwd: repoRoot,
			env: {
				...process.env,
				FLASHNODE_CONSUMER_KEY: settings.key,
				FLASHNODE_CONSUMER_SECRET: settings.secret,
			},
			stdio: [ 'ignore', 'ignore', 'pipe' ],
		}
	);
	const log: string[] = [];
	child.stderr?.on( 'data', ( chunk: Buffer ) =>
		log.push( ...chunk.toString().split( '\n' ).filter( Boolean ) )
	);
	const exited = new Promise< {
		code: number | null;
		signal: string | null;
	} >( ( resolve ) =>
		child.on( 'exit', ( code, signal ) => resolve( { code, signal } ) )
	);
	return { skewSeconds, child, log, exited };
}
