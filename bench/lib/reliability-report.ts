/**
 * The reliability run's counts as Markdown (bench/reliability-results.md) and as one line (the e2e annotation).
 */
import type { ReliabilityOptions, ReliabilityResult } from './reliability';

export function reliabilitySummary( r: ReliabilityResult ): string {
	return `${ r.changes } changes (${ r.keys } keys, ${ r.orders } orders: ${ r.restOrders } by REST, ${ r.checkouts } checkouts) in ${ r.seconds } s; delivered ${ r.delivered }, lost ${ r.lost.length } (orders unlike WooCommerce's state), rows wrong ${ r.rowsWrong.length }, duplicates ${ r.duplicatesBeforeDedup } before (${ r.repeatedCursors } the same change sent again) / ${ r.duplicatesAfterDedup } after de-duplication; killed at delivery ${ r.killedAtDelivery }, ${ r.refusedWhileFailing } deliveries refused while failing, webhook ${ r.webhookStatus } after ${ r.webhookFailedDeliveries } failed deliveries, ${ r.changesAfterWebhookDisabled } changes after that; resume re-delivered ${ r.redeliveredOnResume }`;
}

export function renderReliabilityReport(
	options: ReliabilityOptions,
	r: ReliabilityResult,
	stack: string
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
			`**${ r.lost.length }**${ r.lost.length ? ': ' + r.lost.slice( 0, 10 ).join( '; ' ) : '' }`,
		],
		[
			"**log rows wrong**: an order's row back in time, or its last row unlike its date_modified_gmt",
			`**${ r.rowsWrong.length }**`,
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
		'# Change feed reliability run',
		'',
		`Measured ${ new Date().toISOString().replace( 'T', ' ' ).slice( 0, 16 ) } UTC by \`npm run bench:reliability\` (${ stack }) in ${ r.seconds } s: ${ options.restWriters } REST writers and ${ options.checkoutWriters } storefront shoppers at once, the follow-mode puller (pages of ${ options.limit }) POSTing every change to a local receiver that de-duplicates by order id and modified_gmt. The same harness runs in \`npm test\` with a smaller count (\`tests/e2e/reliability.spec.ts\`).`,
		'',
		'| measurement | value |',
		'|---|---|',
		...rows.map( ( [ label, value ] ) => `| ${ label } | ${ value } |` ),
		'',
		'Duplicates before de-duplication are expected: one save second can hold several saves of an order, split over',
		"pages, and a killed or failing batch is handed on again. The receiver's idempotent store absorbs them.",
		'',
	].join( '\n' );
}
