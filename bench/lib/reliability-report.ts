/**
 * The reliability run's counts as Markdown (bench/reliability-results.md: one section per order storage, a run
 * replacing only its own) and as one line (the e2e annotation).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import type { Storage } from '../../tests/e2e/order-storage';
import type { Shop } from '../../tests/e2e/shop';
import type { ReliabilityOptions, ReliabilityResult } from './reliability';

/** Each storage's section heading of the feed run, in the order the file keeps them. */
export const HEADINGS: Record< Storage, string > = {
	hpos: "## HPOS (WooCommerce's order tables)",
	posts: '## WordPress posts storage (HPOS off)',
};

/** The push run's sections (reliability-push-report.ts), after the feed's. */
export const PUSH_HEADINGS: Record< Storage, string > = {
	hpos: "## Push deliveries: HPOS (WooCommerce's order tables)",
	posts: '## Push deliveries: WordPress posts storage (HPOS off)',
};

/** Every section heading, in the file's order. */
const ALL_HEADINGS = [
	...Object.values( HEADINGS ),
	...Object.values( PUSH_HEADINGS ),
];

export function reliabilitySummary( r: ReliabilityResult ): string {
	return `${ r.changes } changes (${ r.keys } keys, ${ r.orders } orders: ${ r.restOrders } by REST, ${ r.checkouts } checkouts) in ${ r.seconds } s; delivered ${ r.delivered }, lost ${ r.lost.length } (orders unlike WooCommerce's state), rows wrong ${ r.rowsWrong.length }, duplicates ${ r.duplicatesBeforeDedup } before (${ r.repeatedCursors } the same change sent again) / ${ r.duplicatesAfterDedup } after de-duplication; killed at delivery ${ r.killedAtDelivery }, ${ r.refusedWhileFailing } deliveries refused while failing, webhook ${ r.webhookStatus } after ${ r.webhookFailedDeliveries } failed deliveries, ${ r.changesAfterWebhookDisabled } changes after that; resume re-delivered ${ r.redeliveredOnResume }`;
}

/**
 * Up to ten of a run's problem lines, after their count.
 *
 * @param lines One line per lost order or wrong row.
 */
const listed = ( lines: string[] ) =>
	`**${ lines.length }**${ lines.length ? ': ' + lines.slice( 0, 10 ).join( '; ' ) : '' }${ lines.length > 10 ? '; …' : '' }`;

/**
 * One storage's section: its heading, when and how it was measured, and the table.
 *
 * @param options What the run was given.
 * @param r       What it measured.
 * @param stack   WordPress, WooCommerce and where the shop ran.
 * @param storage The shop's order storage during the run.
 */
export function renderReliabilitySection(
	options: ReliabilityOptions,
	r: ReliabilityResult,
	stack: string,
	storage: Storage
): string {
	const rows: Array< [ string, string | number ] > = [
		[ 'changes recorded by the shop (the change-log table)', r.changes ],
		[ 'distinct (order id, modified_gmt) keys among them', r.keys ],
		[
			'orders',
			`${ r.orders } (${ r.restOrders } created by REST, ${ r.checkouts } storefront checkouts)`,
		],
		[
			'writer requests / failed',
			`${ r.writerRequests } / ${ r.writerErrors.length }`,
		],
		[ 'deliveries to the handler (2xx)', r.delivered ],
		[
			"**lost**: orders the receiver ends with unlike WooCommerce's own state (GET wc/v3/orders/&lt;id&gt;: status, total, customer note, date_modified_gmt)",
			listed( r.lost ),
		],
		[
			"**log rows wrong**: an order's row back in time, or its last row unlike its date_modified_gmt",
			listed( r.rowsWrong ),
		],
		[
			'duplicates before de-duplication (same key delivered again)',
			r.duplicatesBeforeDedup,
		],
		[
			'— of which the same change (cursor) again: at-least-once repeats',
			r.repeatedCursors,
		],
		[
			'**duplicates after de-duplication** by order id and modified_gmt',
			`**${ r.duplicatesAfterDedup }**`,
		],
		[
			'phantoms (delivered, never recorded) / deliveries without the order',
			`${ r.phantoms.length } / ${ r.withoutOrder }`,
		],
		[
			'puller SIGKILLed while delivery number … was unanswered',
			r.killedAtDelivery,
		],
		[
			'deliveries answered 500 while the handler failed',
			`${ r.refusedWhileFailing } (for ${ options.failSeconds } s)`,
		],
		[ 'puller clocks', '+600 s, then -600 s after the restart' ],
		[
			'webhook',
			`${ r.webhookStatus } by WooCommerce after ${ r.webhookFailedDeliveries } failed deliveries; ${ r.changesAfterWebhookDisabled } changes written after that`,
		],
		[ 'puller exits', r.pullerExits.join( ', ' ) ],
		[
			'repeated by a last `--once` run from the saved cursor',
			r.redeliveredOnResume,
		],
		[ 'secret in the puller logs', r.secretLogged ? 'YES' : 'no' ],
	];
	return [
		HEADINGS[ storage ],
		'',
		`Measured ${ new Date().toISOString().replace( 'T', ' ' ).slice( 0, 16 ) } UTC (${ stack }; orders in ${ storage === 'hpos' ? "WooCommerce's order tables, HPOS" : "WordPress's posts tables, HPOS off" }) in ${ r.seconds } s, aiming at ${ options.targetChanges } changes (RELIABILITY_CHANGES): ${ options.restWriters } REST writers and ${ options.checkoutWriters } storefront shoppers at once, the follow-mode puller in pages of ${ options.limit }.`,
		'',
		'| measurement | value |',
		'|---|---|',
		...rows.map( ( [ label, value ] ) => `| ${ label } | ${ value } |` ),
		'',
	].join( '\n' );
}

/**
 * The whole file: the header, then each section — this run's new one (the feed's or the push run's, of one
 * storage), the others as the file had them (a file from before the sections had none).
 *
 * @param previous The file as it was ('' when missing).
 * @param heading  This run's section heading (HEADINGS or PUSH_HEADINGS of its storage).
 * @param section  This run's section (renderReliabilitySection, renderPushSection).
 */
export function mergeReliabilityReport(
	previous: string,
	heading: string,
	section: string
): string {
	const sections = ALL_HEADINGS.map( ( each ) => {
		if ( each === heading ) {
			return section;
		}
		const start = previous.indexOf( `\n${ each }\n` );
		if ( start < 0 ) {
			return '';
		}
		const end = previous.indexOf( '\n## ', start + 1 );
		return previous.slice( start + 1, end < 0 ? undefined : end ).trim();
	} );
	return [
		'# Change feed reliability run',
		'',
		'Written by `npm run bench:reliability` (bench/reliability.ts), one section per order storage: a run replaces',
		"only its own storage's section. REST writers (`wc/v3/orders` creates and updates) and storefront shoppers",
		'(Store API checkout) change orders at once while the follow-mode puller POSTs every change (with its order,',
		'`include=orders`) to a local receiver; meanwhile the puller is SIGKILLed with a delivery unanswered and',
		'restarted, the receiver answers 500 for a few seconds, and WooCommerce disables a webhook whose address fails.',
		'',
		"**Ground truth is WooCommerce's own order state, not the change log:** the receiver applies every delivery by",
		"the README's rule (an order's change is applied when its `modified_gmt` is at least the one held), and at the",
		'end each order the writers made is compared with `GET wc/v3/orders/<id>` (status, total, customer note,',
		'`date_modified_gmt`); "lost" is an order that differs (bench/lib/ground-truth.ts). The log is judged against',
		"the shop too: no order's `modified_gmt` goes back, and its last row carries its `date_modified_gmt`.",
		'',
		'Duplicates before de-duplication are expected: saves of an order within one second share a key, and pages can',
		'split them; the batch the kill interrupted is handed on again after the restart (a batch retried after the',
		'handler failed skips what it had handed on). The receiver stores by order id and `modified_gmt`, which absorbs',
		'them. The same harness runs in `npm test` with a smaller count (`tests/e2e/reliability.spec.ts`).',
		'',
		"The push sections (`npm run bench:reliability -- --push`) test the plugin's own deliveries the same way: two",
		'services connected with a delivery address (one `woocommerce` format, one `flashnode`), each receiver down,',
		"answering 500 for 15 s, hanging and failing half the events in turn while the writers and the owner's bulk",
		'actions run; ground truth again `GET wc/v3/orders/<id>` (bench/lib/push-judge.ts,',
		'`tests/e2e/push-deliveries.spec.ts` in `npm test`).',
		'',
		sections
			.map( ( text ) => text.trim() )
			.filter( Boolean )
			.join( '\n\n' ),
		'',
	].join( '\n' );
}

/**
 * The stack a section was measured on, as its first line names it.
 *
 * @param shop The shop.
 */
export const stackLabel = ( shop: Shop ): string =>
	`WordPress ${ shop.wpVersion }, WooCommerce ${ shop.wcVersion }, local shop on 127.0.0.1`;

/**
 * Writes this run's section into the report file, keeping the other sections as they were.
 *
 * @param file    bench/reliability-results.md (or another file).
 * @param heading This run's section heading.
 * @param section This run's section.
 */
export function writeReliabilitySection(
	file: string,
	heading: string,
	section: string
): void {
	const previous = existsSync( file ) ? readFileSync( file, 'utf8' ) : '';
	writeFileSync( file, mergeReliabilityReport( previous, heading, section ) );
}
