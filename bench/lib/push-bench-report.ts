/**
 * The push bench's section of bench/results.md (push-bench.ts measures it).
 */
import type { Drain } from './push-drain';
import type { PushBenchResult } from './push-bench';
import { median, percentile, times, meets } from './stats';

const seconds = ( value: number ) =>
	Number.isFinite( value ) ? `${ value.toFixed( 1 ) } s` : 'n/a';

const drainCell = ( d: Drain ) =>
	`${ Math.round( d.perMinute ) } (${ d.expected - d.before } in ${ d.seconds.toFixed( 1 ) } s${ d.before ? `; ${ d.before } more by WP-Cron during the writes` : '' })`;

/**
 * A shopper's checkout with a connection delivering and with none: the ratio of the medians, against the ratio of
 * the "none" checkouts' two interleaved halves (what this run cannot tell from noise).
 *
 * @param r The push bench's result.
 */
function checkoutRows( r: PushBenchResult ): string {
	const { delivering, none, errors } = r.checkout;
	const ratio = median( delivering ) / median( none );
	const noise =
		median( none.filter( ( _, i ) => i % 2 === 0 ) ) /
		median( none.filter( ( _, i ) => i % 2 === 1 ) );
	return [
		'| measurement | a connection delivering / none | target | met? |',
		'|---|---|---|---|',
		`| **Store API checkout (cart, add to cart, checkout), end to end**: median ms (${ delivering.length } / ${ none.length } checkouts in ABBA blocks, ${ errors.length } failed) | ${ times( ratio ) } (${ median( delivering ).toFixed( 1 ) } / ${ median( none ).toFixed( 1 ) } ms; noise floor ${ times( noise ) }) | ≤ 1.02× | ${ meets( ratio, 1.02, noise ) } |`,
	].join( '\n' );
}

export function renderPushBench( r: PushBenchResult ): string {
	const { push, woo } = r.latency;
	return [
		"## Push deliveries next to WooCommerce's webhooks",
		'',
		`| measurement | the plugin's push deliveries (\`woocommerce\` format) | WooCommerce's own webhook (order.updated) |`,
		'|---|---|---|',
		`| deliveries per minute, ${ r.changes } orders changed once, each queue drained alone by one \`wp action-scheduler run\` loop | ${ drainCell( r.push ) } | ${ drainCell( r.woo ) } |`,
		`| time from an order change (its REST answer) to its delivery, healthy receiver, queue run all the time: median / p95 (${ r.latencyChanges } changes, one every 2 s) | ${ seconds( median( push ) ) } / ${ seconds( percentile( push, 95 ) ) } (${ push.length } delivered) | ${ seconds( median( woo ) ) } / ${ seconds( percentile( woo, 95 ) ) } (${ woo.length } delivered) |`,
		'',
		checkoutRows( r ),
		'',
		`Measured ${ new Date().toISOString().replace( 'T', ' ' ).slice( 0, 16 ) } UTC. The same REST changes go to both, each to a healthy reference receiver on 127.0.0.1 (\`src/puller/receiver.ts\`). The plugin delivers every change of the log — WooCommerce saves an order several times per REST update, and each save is a change — while WooCommerce sends one webhook per order while one is pending; the deliveries counted are those each had to make, so the seconds are the time until the receiver had every change. A change made through the REST API (or wp-admin, WP-CLI, cron) queues its connection's batch at the end of the request; a storefront order waits for the engine's 60 s tick, which this measurement does not include.`,
		'',
	].join( '\n' );
}
