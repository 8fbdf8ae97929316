/**
 * The puller's report for people.
 */
import type { ProbeReport } from './probe';

function field( body: unknown, path: string[] ): unknown {
	return path.reduce< unknown >(
		( value, key ) =>
			value && typeof value === 'object'
				? ( value as Record< string, unknown > )[ key ]
				: undefined,
		body
	);
}

export function formatReport( report: ProbeReport ): string {
	const lines: string[] = [ `Shop: ${ report.url }`, '' ];
	const { anonymous, authenticated } = report.health;
	lines.push(
		`Health (anonymous):  HTTP ${ anonymous.status }, plugin ${ String(
			field( anonymous.body, [ 'plugin_version' ] ) ?? '?'
		) }`
	);
	if ( authenticated.status === 200 ) {
		const body = authenticated.body;
		lines.push(
			`Health (with key):   HTTP 200, readiness ${ String(
				field( body, [ 'status' ] )
			) }, WooCommerce ${ String(
				field( body, [ 'versions', 'woocommerce' ] )
			) }, credentials via ${ String(
				field( body, [ 'credentials', 'channel' ] )
			) }, key permissions ${ String(
				field( body, [ 'credentials', 'key', 'permissions' ] )
			) }`,
			`Shop clock:          ${ String(
				field( body, [ 'clock', 'time_utc' ] )
			) } (site time zone ${ String(
				field( body, [ 'clock', 'timezone' ] )
			) })`
		);
	} else {
		lines.push( `Health (with key):   HTTP ${ authenticated.status }` );
	}
	if ( report.orders ) {
		const { orders } = report;
		lines.push(
			'',
			`Orders "${ orders.status }" modified after ${ orders.modifiedAfter } UTC: ${ orders.list.length } in ${ orders.pages } page(s)`
		);
		for ( const order of orders.list ) {
			lines.push(
				`  #${ order.id }  ${ order.status }  modified ${ order.date_modified_gmt } UTC`
			);
		}
		lines.push( `Next cursor: ${ orders.nextCursor } UTC` );
	}
	lines.push( '' );
	if ( report.ok ) {
		lines.push( 'OK: the shop is reachable and the key works.' );
	} else {
		lines.push(
			'Problems:',
			...report.problems.map( ( p ) => `  - ${ p }` )
		);
	}
	return lines.join( '\n' );
}
