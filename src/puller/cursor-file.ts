/**
 * The follow-mode puller's position in the change feed, kept in a small JSON file:
 * `{"version":1,"url":"https://shop.example","cursor":1042,"saved_at":"…"}`.
 *
 * Written only after the batch up to that cursor was handed on and acknowledged, and atomically (a temporary file
 * in the same folder, flushed, then renamed over the old one): a crash at any moment leaves either the old cursor
 * or the new one, never a torn file. Resuming from the old one hands the batch on again (at least once); the
 * receiver's idempotency makes that harmless. The file names its shop, so a cursor of one shop is never used
 * against another (cursors are positions in one shop's log).
 */
import {
	closeSync,
	fsyncSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	writeSync,
} from 'node:fs';

export const CURSOR_FILE_VERSION = 1;

export interface CursorFile {
	version: number;
	url: string;
	cursor: number;
	saved_at: string;
}

/** A cursor file that cannot be used as it is: the puller stops with exit code 2 and this message. */
export class CursorFileError extends Error {}

/**
 * Parses a cursor file's text for a shop.
 *
 * @param text Contents.
 * @param url  The shop the puller reads (without trailing slash).
 * @param path For messages.
 */
export function parseCursorFile(
	text: string,
	url: string,
	path: string
): number {
	let value: Partial< CursorFile >;
	try {
		value = JSON.parse( text ) as Partial< CursorFile >;
	} catch {
		throw new CursorFileError(
			`${ path } is not a cursor file (not JSON). Move it away to start again from the beginning of the feed.`
		);
	}
	if (
		! value ||
		value.version !== CURSOR_FILE_VERSION ||
		typeof value.url !== 'string' ||
		! Number.isSafeInteger( value.cursor ) ||
		( value.cursor as number ) < 0
	) {
		throw new CursorFileError(
			`${ path } is not a version ${ CURSOR_FILE_VERSION } cursor file ({"version":1,"url":…,"cursor":<whole number ≥ 0>}).`
		);
	}
	if ( value.url !== url ) {
		throw new CursorFileError(
			`${ path } holds the cursor of ${ value.url }, not of ${ url }: a cursor is a position in one shop's log. Use another --cursor-file.`
		);
	}
	return value.cursor as number;
}

/**
 * The saved cursor, or null when the file does not exist yet (first run).
 *
 * @param path File.
 * @param url  Shop.
 */
export function readCursor( path: string, url: string ): number | null {
	let text: string;
	try {
		text = readFileSync( path, 'utf8' );
	} catch ( error ) {
		if ( ( error as NodeJS.ErrnoException ).code === 'ENOENT' ) {
			return null;
		}
		throw new CursorFileError(
			`Cannot read ${ path }: ${ ( error as Error ).message }`
		);
	}
	return parseCursorFile( text, url, path );
}

/**
 * Replaces the cursor file atomically.
 *
 * @param path   File.
 * @param url    Shop.
 * @param cursor New position.
 * @param now    The puller's clock (only written for people reading the file).
 * @throws CursorFileError When the file cannot be written (a full disk, a missing folder): progress that cannot
 *                         be kept is not worth reading on for.
 */
export function writeCursor(
	path: string,
	url: string,
	cursor: number,
	now: Date
): void {
	const record: CursorFile = {
		version: CURSOR_FILE_VERSION,
		url,
		cursor,
		saved_at: now.toISOString(),
	};
	const temporary = `${ path }.${ process.pid }.tmp`;
	try {
		const fd = openSync( temporary, 'w', 0o600 );
		try {
			writeSync( fd, `${ JSON.stringify( record ) }\n` );
			// On disk before the rename, so a power cut cannot leave the new name pointing at empty blocks.
			fsyncSync( fd );
		} finally {
			closeSync( fd );
		}
		renameSync( temporary, path );
	} catch ( error ) {
		rmSync( temporary, { force: true } );
		throw new CursorFileError(
			`Cannot save the cursor to ${ path }: ${ ( error as Error ).message }`
		);
	}
}
