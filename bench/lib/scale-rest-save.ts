/**
 * An order save as an integration or the shop's own tools make one: `PUT /wp-json/wc/v3/orders/<id>` with a new
 * customer note, through WooCommerce's REST API with a read/write key, with the change log's recorder hooked in or
 * taken out for that request (header X-Flashnode-Bench-Recorder, see tests/stack/bench/flashnode-bench.php). Both
 * states are requested alternately (ABBA) on the bench's kept-alive connection, so the machine's noise hits both.
 */
import { request } from '../../src/puller/http';
import { basicAuth, createApiKey, deleteApiKey } from '../../tests/e2e/support';
import type { Bench } from './bench';

export interface RestSave {
	/** Time to the last byte per round, recorder in. */
	on: number[];
	/** The same, recorder out. */
	off: number[];
}

/**
 * Times `rounds` saves of one order in each state, after one untimed save of each.
 *
 * @param bench   The bench (shop, CA, agent).
 * @param orderId An order of the grown shop.
 * @param rounds  Saves per state.
 * @param head    The change log's newest cursor: the saves with the recorder in must add one row each, the others none.
 */
export async function measureRestSave(
	bench: Bench,
	orderId: number,
	rounds: number,
	head: () => number
): Promise< RestSave > {
	const key = createApiKey( 'read_write' );
	const url = `${ bench.shop.url }/wp-json/wc/v3/orders/${ orderId }`;
	const save = async ( state: 'on' | 'off', round: number ) => {
		const response = await request( url, {
			method: 'PUT',
			ca: bench.ca,
			agent: bench.agent,
			retryReset: true,
			timeoutMs: 60_000,
			headers: {
				Authorization: basicAuth( key ),
				'Content-Type': 'application/json',
				'X-Flashnode-Bench-Recorder': state,
			},
			// A new note every time: each request is a real change that WooCommerce saves.
			body: JSON.stringify( {
				customer_note: `Bench REST save ${ round } ${ state }`,
			} ),
		} );
		if ( response.status !== 200 ) {
			throw new Error(
				`PUT ${ url } answered ${ response.status }: ${ response.body.slice( 0, 300 ) }`
			);
		}
		return response.totalMs;
	};
	try {
		const before = head();
		await save( 'on', -1 );
		await save( 'off', -1 );
		const result: RestSave = { on: [], off: [] };
		for ( let round = 0; round < rounds; round++ ) {
			for ( const state of round % 2
				? ( [ 'off', 'on' ] as const )
				: ( [ 'on', 'off' ] as const ) ) {
				result[ state ].push( await save( state, round ) );
			}
		}
		const written = head() - before;
		if ( written !== rounds + 1 ) {
			throw new Error(
				`${ rounds + 1 } saves with the recorder in wrote ${ written } change-log rows in all: the on/off switch did not work`
			);
		}
		return result;
	} finally {
		deleteApiKey( key );
	}
}
