/**
 * Follow mode of the reference puller: read the change feed from the cursor in a file, hand every change on,
 * acknowledge the batch's orders, then save the new cursor — in that order, so that a crash or a failure at any
 * step hands changes on again rather than losing them (at least once). A cursor file that cannot be written
 * stops it (CursorFileError, exit code 2): reading on without keeping progress would hand the same page on forever.
 *
 * The puller's own clock decides nothing: the position is the shop's cursor, and the shop decides which changes
 * are safe to serve (its settle rule). The clock only stamps log lines and the cursor file, and is compared with
 * the shop's to warn about a skew. --clock-skew shifts it on purpose, for the fault test.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

import { CursorFileError, readCursor, writeCursor } from './cursor-file';
import {
	acknowledge,
	changeKey,
	FatalFeedError,
	readPage,
	type FeedTarget,
} from './feed-client';
import type { Handler } from './handlers';

export interface FollowOptions {
	target: FeedTarget;
	cursorFile: string;
	handler: Handler;
	limit: number;
	statuses: string[];
	/** Pause when caught up. */
	intervalMs: number;
	/** Stop once the feed has nothing more (instead of waiting for new changes). */
	once: boolean;
	clockSkewSeconds: number;
	/** Longest pause between retries after a failure (they double from 1 s). */
	maxBackoffMs?: number;
	log: ( line: string ) => void;
	/** Aborting stops the puller between steps (SIGTERM, SIGINT). */
	signal?: AbortSignal;
}

export interface FollowStats {
	batches: number;
	/** Handler calls that succeeded. */
	handed: number;
	/** Changes not handed again: same key earlier in the batch, or handed before a retried batch failed. */
	skipped: number;
	acknowledged: number;
	failures: number;
	cursor: number;
}

/** A shop clock this far from the puller's is worth a warning (it changes nothing in the feed). */
const SKEW_WARNING_SECONDS = 120;

/**
 * Pause before the n-th retry in a row: 1 s, 2 s, 4 s … up to the maximum.
 *
 * @param failures Failures in a row (≥ 1).
 * @param maxMs    Longest pause.
 */
export function backoffMs( failures: number, maxMs: number ): number {
	return Math.min( maxMs, 1000 * 2 ** Math.max( 0, failures - 1 ) );
}

async function pause( ms: number, signal?: AbortSignal ): Promise< void > {
	try {
		await sleepFor( ms, undefined, { signal } );
	} catch {
		// Aborted: the loop sees the signal and stops.
	}
}

export async function follow( options: FollowOptions ): Promise< FollowStats > {
	const { target, signal } = options;
	const now = () => new Date( Date.now() + options.clockSkewSeconds * 1000 );
	const log = ( line: string ) =>
		options.log( `[follow ${ now().toISOString() }] ${ line }` );
	const maxBackoff = options.maxBackoffMs ?? 30_000;
	const saved = readCursor( options.cursorFile, target.url );
	const stats: FollowStats = {
		batches: 0,
		handed: 0,
		skipped: 0,
		acknowledged: 0,
		failures: 0,
		cursor: saved ?? 0,
	};
	if ( saved === null ) {
		// A first run writes its file at once, so a path that cannot be written stops it before anything is handed on.
		writeCursor( options.cursorFile, target.url, stats.cursor, now() );
	}
	log(
		`reading ${ target.url } after cursor ${ stats.cursor } (${ options.cursorFile })`
	);
	// Cursors handed on since the cursor file last moved: a batch retried after a failure skips them.
	const handed = new Set< number >();
	let failuresInARow = 0;
	let warnedSkew = false;

	while ( ! signal?.aborted ) {
		try {
			const page = await readPage( target, {
				after: stats.cursor,
				limit: options.limit,
				statuses: options.statuses,
			} );
			const skew = Math.round(
				( Date.parse( page.server_time_gmt ) - now().getTime() ) / 1000
			);
			if ( Math.abs( skew ) > SKEW_WARNING_SECONDS && ! warnedSkew ) {
				warnedSkew = true;
				log(
					`the shop's clock is ${ skew } s from this puller's: harmless for the feed (its cursor is the shop's), but check the clocks`
				);
			}
			const keys = new Set< string >();
			const orders = new Set< number >();
			for ( const change of page.changes ) {
				if ( signal?.aborted ) {
					break;
				}
				const key = changeKey( change );
				if ( change.event !== 'deleted' ) {
					orders.add( change.order_id );
				}
				if ( handed.has( change.cursor ) || keys.has( key ) ) {
					keys.add( key );
					stats.skipped++;
					continue;
				}
				await options.handler( change );
				handed.add( change.cursor );
				keys.add( key );
				stats.handed++;
			}
			if ( signal?.aborted ) {
				break;
			}
			if ( orders.size > 0 ) {
				// No reference: acknowledging an order again (a later change, a repeat after a crash) is then
				// "unchanged" for the shop, and the owner sees one "Transferred to …" note per order and service.
				await acknowledge( target, [ ...orders ] );
				stats.acknowledged += orders.size;
			}
			if ( page.next_cursor !== stats.cursor ) {
				try {
					writeCursor(
						options.cursorFile,
						target.url,
						page.next_cursor,
						now()
					);
				} catch ( error ) {
					throw new CursorFileError(
						`${
							( error as Error ).message
						}. The page's ${ keys.size } change(s) were handed on and its orders acknowledged; after a restart they are handed on again from cursor ${
							stats.cursor
						} (at least once).`
					);
				}
				stats.cursor = page.next_cursor;
				handed.clear();
			}
			failuresInARow = 0;
			if ( page.changes.length > 0 ) {
				stats.batches++;
				log(
					`${ page.changes.length } change(s), ${ keys.size } handed on or already handed, ${ orders.size } order(s) acknowledged, cursor ${ stats.cursor }`
				);
			}
			if ( page.has_more ) {
				continue;
			}
			if ( options.once ) {
				break;
			}
			await pause( options.intervalMs, signal );
		} catch ( error ) {
			if (
				error instanceof FatalFeedError ||
				error instanceof CursorFileError
			) {
				throw error;
			}
			failuresInARow++;
			stats.failures++;
			const wait = backoffMs( failuresInARow, maxBackoff );
			log(
				`${ ( error as Error ).message }; nothing acknowledged, cursor stays ${ stats.cursor }, retrying in ${ wait / 1000 } s`
			);
			await pause( wait, signal );
		}
	}
	log(
		`stopped at cursor ${ stats.cursor }: ${ stats.handed } handed on, ${ stats.skipped } repeat(s) skipped, ${ stats.failures } failure(s) retried`
	);
	return stats;
}
