/**
 * Hostile input, webhooks family (`/flashnode/v1/webhooks`, `/webhooks/{id}`, `/webhooks/{id}/{test|enable}`,
 * as the server's REST index lists them): every path × method × broken authentication, methods the routes lack,
 * a DELETE smuggled in a POST, every argument of POST /webhooks broken (delivery URLs that must never be called
 * above all), and ids that are not the plugin's webhooks. All refused (4xx), no 5xx, no PHP notice, no change in
 * the database; two webhooks of the plugin and a WooCommerce webhook that is not the plugin's are the targets.
 */
import { test } from './fixtures';
import {
	ID_SEGMENTS_BAD,
	NAME_BAD,
	REQUEST_ID_BAD,
	TOPICS_BAD,
	bad,
} from './hostile/bad-values';
import { adminRequest } from './hostile/auth';
import { NS, TARGET_URL, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused, methodOverrideCases } from './hostile/matrix';
import { BAD_URLS } from './hostile/payloads';
import { requestId } from './raw-http';

const h = hostileSetUp( { webhooks: true } );

const validWebhook = () => ( {
	request_id: requestId(),
	delivery_url: `${ TARGET_URL }-other`,
	topics: [ 'order.deleted' ],
} );

/** Webhook ids that are not the plugin's, in the path and (WordPress lets it override the route's) in the body. */
function idCases(): Case[] {
	const routes = ID_SEGMENTS_BAD( h.foreignWebhookId ).flatMap(
		( segment ) => [
			[ 'DELETE', `${ NS }/webhooks/${ segment }` ],
			[ 'POST', `${ NS }/webhooks/${ segment }/test` ],
			[ 'POST', `${ NS }/webhooks/${ segment }/enable` ],
			[ 'POST', `${ NS }/webhooks/${ h.webhookIds[ 0 ] }/${ segment }` ],
		]
	);
	const cases: Case[] = routes.map( ( [ method, route ] ) => ( {
		name: `admin: ${ method } ${ route.slice( 0, 80 ) }`,
		// Already percent-encoded segments: the path is built by hand.
		req: adminRequest( h, method, `/wp-json${ route }` ),
	} ) );
	for ( const [ route, id ] of [
		[ `${ NS }/webhooks/999999999`, h.foreignWebhookId ],
		[ `${ NS }/webhooks/999999999/test`, -1 ],
	] as const ) {
		cases.push( {
			name: `admin: ${ route } with id ${ id } in the body`,
			req: adminRequest(
				h,
				route.endsWith( 'test' ) ? 'POST' : 'DELETE',
				`/wp-json${ route }`,
				JSON.stringify( { id } )
			),
		} );
	}
	return cases;
}

test( 'webhooks: malformed requests on every route and method of the family are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'webhooks', {
		values: {
			id: [ String( h.webhookIds[ 0 ] ) ],
			action: [ 'test', 'enable' ],
		},
		bodies: { [ `${ NS }/webhooks` ]: validWebhook },
		fuzz: [
			{
				route: () => `${ NS }/webhooks`,
				valid: () => ( { ...validWebhook(), name: 'hostile' } ),
				partner: [ 'topics', [ 'order.nope' ] ],
				fields: {
					delivery_url: bad( BAD_URLS ),
					request_id: REQUEST_ID_BAD.slice( 0, 8 ),
					topics: TOPICS_BAD,
					name: NAME_BAD,
				},
			},
		],
		extra: [
			...methodOverrideCases(
				h,
				`${ NS }/webhooks/${ h.webhookIds[ 0 ] }`,
				'header'
			),
			...idCases(),
		],
	} );
} );
