/**
 * The push fault run's counts as one line (the e2e annotation, the bench's log) and as its section of
 * bench/reliability-results.md (one per order storage, merged by reliability-report.ts).
 */
import type { Storage } from '../../tests/e2e/order-storage';
import type {
	PushConnectionResult,
	PushOptions,
	PushResult,
} from './push-types';
import { PUSH_HEADINGS } from './reliability-report';

/**
 * Count, then up to five of the lines.
 *
 * @param lines Problem lines (or ids).
 */
const listed = ( lines: Array< string | number > ) =>
	`**${ lines.length }**${ lines.length ? ': ' + lines.slice( 0, 5 ).join( '; ' ) : '' }${ lines.length > 5 ? '; …' : '' }`;

function connectionLine( c: PushConnectionResult ): string {
	const v = c.verdict;
	return `${ c.format }: ${ v.deliveries } deliveries (${ v.accepted } 2xx, ${ v.retries } retries, ${ v.failedOnPurpose } failed on purpose), lost ${ v.lost.length }, undelivered ${ v.undelivered.length }, duplicates not retries ${ v.notRetries.length }, out of order ${ v.outOfOrder.length }, bad signatures ${ v.badSignatures }, wrong topics ${ v.wrongTopics.length }, stale ${ v.stalePayloads.length }, the other connection's longest wait while this one hung ${ Math.max( 0, ...c.otherDuringFault.filter( ( f ) => f.mode === 'hang' ).map( ( f ) => f.longestGapSeconds ) ).toFixed( 1 ) } s`;
}

/**
 * `wp flashnode deliveries list --format=json` in a few words per connection (or what the command said).
 *
 * @param json The command's output.
 */
function pluginView( json: string ): string {
	try {
		return ( JSON.parse( json ) as Array< Record< string, unknown > > )
			.map(
				( c ) =>
					`${ c.connection_id }: cursor ${ c.cursor }, ${ c.undelivered } undelivered, failing ${ c.failing }`
			)
			.join( '; ' );
	} catch {
		return `\`${ json.slice( 0, 200 ) }\``;
	}
}

export function pushSummary( r: PushResult ): string {
	return `${ r.changes } changes over ${ r.orders } orders (${ r.restOrders } by REST, ${ r.checkouts } checkouts, ${ r.deleted } deleted, ${ r.bulk.actions } bulk actions) in ${ r.seconds } s, ${ r.caughtUp ? `caught up ${ r.catchUpSeconds } s after the writers` : 'NOT caught up' }; ${ r.connections.map( connectionLine ).join( '; ' ) }`;
}

/**
 * Fault windows of one receiver, with what the other connection got meanwhile.
 *
 * @param c One connection's result.
 */
const faultCell = ( c: PushConnectionResult ) =>
	c.otherDuringFault
		.map( ( f, i ) => {
			const w = c.faults[ i ];
			const seconds = Math.round(
				( ( w.to ?? w.from ) - w.from ) / 1000
			);
			return `${ f.mode } ${ seconds } s (other: ${ f.other } 2xx, longest without one ${ f.longestGapSeconds.toFixed( 1 ) } s)`;
		} )
		.join( ', ' );

/**
 * The push run's section.
 *
 * @param o       What the run was given.
 * @param r       What it measured.
 * @param stack   WordPress, WooCommerce and where the shop ran.
 * @param storage The shop's order storage during the run.
 */
export function renderPushSection(
	o: PushOptions,
	r: PushResult,
	stack: string,
	storage: Storage
): string {
	const per = (
		label: string,
		cell: ( c: PushConnectionResult ) => string | number
	) =>
		`| ${ label } | ${ r.connections.map( ( c ) => cell( c ) ).join( ' | ' ) } |`;
	return [
		PUSH_HEADINGS[ storage ],
		'',
		`Measured ${ new Date().toISOString().replace( 'T', ' ' ).slice( 0, 16 ) } UTC (${ stack }) in ${ r.seconds } s, aiming at ${ o.targetChanges } changes: ${ o.restWriters } REST writers (every ${ o.deleteEvery }th order deleted), ${ o.checkoutWriters } storefront shoppers and the owner's bulk actions at once; ${ o.runners } \`wp action-scheduler run --group=flashnode-connector\` loops; retry delays compressed to ${ o.retryDelays.join( ', ' ) } s (test-only option); each fault ${ o.faultSeconds } s, then ${ o.gapSeconds } s healthy, "retry now" at each fault's start.`,
		'',
		`Changes the feed lists after the start: **${ r.changes }** over **${ r.orders }** orders (${ r.restOrders } by REST, ${ r.checkouts } checkouts, ${ r.deleted } deleted; ${ r.bulk.actions } bulk actions changed ${ r.bulk.changed } orders); writer requests ${ r.writerRequests }, failed ${ r.writerErrors.length }${ r.writerErrors.length ? ` (${ r.writerErrors.slice( 0, 3 ).join( '; ' ) })` : '' }. ${ r.caughtUp ? `Both receivers caught up ${ r.catchUpSeconds } s after the writers stopped.` : "**Not caught up** before the run's bound." }`,
		'',
		`| measurement | ${ r.connections.map( ( c ) => `\`${ c.format }\` format` ).join( ' | ' ) } |`,
		`|---|${ r.connections.map( () => '---' ).join( '|' ) }|`,
		per(
			'deliveries received / answered 2xx',
			( c ) => `${ c.verdict.deliveries } / ${ c.verdict.accepted }`
		),
		per(
			'retries (same event id again) / attempts > 1 seen',
			( c ) => `${ c.verdict.retries } / ${ c.retriedAttempts }`
		),
		per(
			'answered 500 or left hanging on purpose',
			( c ) => c.verdict.failedOnPurpose
		),
		per(
			'**orders whose final state the receiver lacks** (vs GET wc/v3/orders/&lt;id&gt;: status, total, customer note, date_modified_gmt)',
			( c ) => listed( c.verdict.lost )
		),
		per(
			'**event ids never delivered** (listed by the feed, no 2xx)',
			( c ) => listed( c.verdict.undelivered )
		),
		per(
			'**duplicates other than retries** (again after 2xx, attempt not growing)',
			( c ) => listed( c.verdict.notRetries )
		),
		per( 'out of cursor order', ( c ) => listed( c.verdict.outOfOrder ) ),
		per(
			"**bad signatures** (X-Flashnode-Signature; X-WC-Webhook-Signature by WooCommerce's algorithm)",
			( c ) => `**${ c.verdict.badSignatures }**`
		),
		per(
			'wrong topic / payload older than its change / phantoms',
			( c ) =>
				`${ c.verdict.wrongTopics.length } / ${ c.verdict.stalePayloads.length } / ${ c.verdict.phantoms.length }`
		),
		per( "faults (and the other connection's 2xx meanwhile)", faultCell ),
		'',
		`Queue runner passes: ${ r.runnerPasses }, failed: ${ r.runnerErrors.length }. The plugin's own view at the end (\`wp flashnode deliveries list\`): ${ pluginView( r.pluginView ) }.`,
		'',
	].join( '\n' );
}
