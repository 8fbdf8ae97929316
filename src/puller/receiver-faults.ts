/**
 * The reference receiver's fault modes for push deliveries, switchable while it runs (receiver.ts `setFault()`):
 *
 * - `down`: the server stops listening (connections are refused) until it is switched back;
 * - `error`: answers 500, and 200 again once `errorSeconds` (15 by default) have passed since the switch;
 * - `hang`: accepts the request and never answers (the shop's 10 s timeout ends it);
 * - `half`: answers 500 to the first delivery of every odd event id (cursor), 2xx to the rest: half the events of a
 *   batch fail, each once, and succeed when retried;
 * - `healthy`: 2xx for every well-signed delivery.
 *
 * Every switch is kept as a window (mode, from, to), so a test can tell what happened while a fault was on.
 */
export type FaultMode = 'healthy' | 'down' | 'error' | 'hang' | 'half';

export interface FaultWindow {
	mode: FaultMode;
	/** ms since the epoch. */
	from: number;
	/** null while still on. */
	to: number | null;
}

/** What to do with one delivery: answer with a status, or never answer. */
export type FaultDecision = number | 'hang';

export class Faults {
	mode: FaultMode = 'healthy';
	readonly windows: FaultWindow[] = [];
	/** Deliveries answered 500 or left hanging on purpose. */
	failed = 0;
	private errorUntil = 0;
	private readonly failedOnce = new Set< number >();

	constructor( private readonly errorSeconds = 15 ) {}

	/**
	 * Switches the mode; the previous window ends now.
	 *
	 * @param mode The new mode.
	 */
	set( mode: FaultMode ): void {
		const now = Date.now();
		const open = this.windows[ this.windows.length - 1 ];
		if ( open && open.to === null ) {
			open.to = now;
		}
		this.mode = mode;
		if ( mode !== 'healthy' ) {
			this.windows.push( { mode, from: now, to: null } );
		}
		if ( mode === 'error' ) {
			this.errorUntil = now + this.errorSeconds * 1000;
		}
	}

	/**
	 * How to answer a well-signed delivery of an event now.
	 *
	 * @param eventId The change's cursor.
	 */
	decide( eventId: number ): FaultDecision {
		let decision: FaultDecision = 200;
		if ( this.mode === 'error' && Date.now() < this.errorUntil ) {
			decision = 500;
		} else if ( this.mode === 'hang' ) {
			decision = 'hang';
		} else if (
			this.mode === 'half' &&
			eventId % 2 === 1 &&
			! this.failedOnce.has( eventId )
		) {
			this.failedOnce.add( eventId );
			decision = 500;
		}
		if ( decision !== 200 ) {
			this.failed++;
		}
		return decision;
	}
}
