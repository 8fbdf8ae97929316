/**
 * Hostile input, approval family (`/flashnode/v1/connection/proposal|approve|deny`, as the server's REST index
 * lists them): the one-click approval link comes from the service, so every argument is untrusted. Every method ×
 * broken authentication, methods the routes lack, and every argument broken, above all the three addresses
 * (callback_url, return_url, webhook_url: private networks, cloud metadata, file://, gopher://, plain http://,
 * credentials), and the scopes of the service's user (nothing beyond the known scopes, never without orders:read).
 * All refused (4xx), no 5xx, no PHP notice, no change in the database (no key, webhook or user). No valid approve
 * is ever sent (it would create a user and a key); a valid proposal and deny are checked apart: they answer 200
 * and change nothing.
 */
import { expect, test } from './fixtures';
import { adminRequest } from './hostile/auth';
import { REQUEST_ID_BAD } from './hostile/bad-values';
import {
	LINK_PARTNER,
	linkArguments,
	validLink,
} from './hostile/approval-values';
import { NS, TARGET_URL, hostileSetUp } from './hostile/context';
import { LOGS, problemLines, type Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { formEncode, type Json } from './hostile/payloads';
import { dbSnapshot, logOffsets, requestId, restPath, send } from './raw-http';

const h = hostileSetUp();
const PROPOSAL = `${ NS }/connection/proposal`;
const APPROVE = `${ NS }/connection/approve`;
const DENY = `${ NS }/connection/deny`;

const validApprove = () => ( { request_id: requestId(), ...validLink() } );

/**
 * GET connection/proposal with one argument of the link broken, in the query string as the link carries it
 * (values too long for a URL left out: the web server answers those itself).
 */
function proposalCases(): Case[] {
	const cases: Case[] = [];
	let round = 0;
	for ( const [ field, values ] of Object.entries( linkArguments() ) ) {
		for ( const badValue of values ) {
			if ( JSON.stringify( badValue.value ).length > 4000 ) {
				continue;
			}
			round++;
			const alone = badValue.aloneAsForm ?? badValue.alone;
			const params: Record< string, Json | undefined > = {
				...validLink(),
				[ field ]: badValue.value,
				...( alone
					? {}
					: { [ LINK_PARTNER[ 0 ] ]: LINK_PARTNER[ 1 ] } ),
			};
			cases.push( {
				name: `admin: GET ${ PROPOSAL } ${ field }=${ JSON.stringify(
					badValue.value
				).slice( 0, 60 ) }${ alone ? '' : ' (+invalid partner)' }`,
				req: adminRequest(
					h,
					'GET',
					restPath( PROPOSAL, formEncode( params ), round % 2 === 0 )
				),
				expect: [ 400 ],
			} );
		}
	}
	// Each required argument missing, and nothing at all.
	for ( const field of [ 'service_name', 'callback_url', 'return_url' ] ) {
		cases.push( {
			name: `admin: GET ${ PROPOSAL } without ${ field }`,
			req: adminRequest(
				h,
				'GET',
				restPath(
					PROPOSAL,
					formEncode( { ...validLink(), [ field ]: undefined } )
				)
			),
			expect: [ 400 ],
		} );
	}
	cases.push( {
		name: `admin: GET ${ PROPOSAL } without arguments`,
		req: adminRequest( h, 'GET', restPath( PROPOSAL ) ),
		expect: [ 400 ],
	} );
	return cases;
}

test( 'approval: malformed requests on every method of the approval routes are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'approval', {
		// Bodies that would act: sent only with broken authentication or to methods the routes lack.
		bodies: {
			[ PROPOSAL ]: validLink,
			[ APPROVE ]: validApprove,
			[ DENY ]: validLink,
		},
		fuzz: [
			{
				route: () => APPROVE,
				valid: validApprove,
				partner: LINK_PARTNER,
				fields: {
					request_id: REQUEST_ID_BAD,
					...linkArguments(),
				},
			},
			{
				route: () => DENY,
				valid: validLink,
				partner: LINK_PARTNER,
				fields: linkArguments( true ),
			},
		],
		extra: proposalCases(),
	} );
} );

test( 'approval: the valid link the cases break is valid: proposal and deny answer 200 and change nothing', async () => {
	// Without this, a case could be refused for a reason of the base link rather than for its broken argument.
	const before = dbSnapshot();
	const offsets = logOffsets( LOGS );
	const proposal = await send(
		adminRequest(
			h,
			'GET',
			restPath( PROPOSAL, formEncode( validLink() ) )
		),
		h.agent
	);
	expect( proposal.status, proposal.body ).toBe( 200 );
	const offer = JSON.parse( proposal.body ).proposal;
	expect( offer ).toMatchObject( {
		service_name: 'Flashnode hostile-input service',
		callback_host: '127.0.0.1',
		topics: [ 'order.created', 'order.updated' ],
		delivery_format: 'woocommerce',
		order_statuses: [ 'processing' ],
		permissions: 'read_write',
	} );
	// The default scopes in words, what none allows, and no key owner: the service gets a user of its own.
	expect( offer.scopes.map( ( scope: { id: string } ) => scope.id ) ).toEqual(
		[ 'orders:read', 'orders:write', 'products:read' ]
	);
	expect( offer.never ).toMatch( /payment methods/ );
	expect( offer ).not.toHaveProperty( 'key_owner' );
	const deny = await send(
		adminRequest(
			h,
			'POST',
			restPath( DENY ),
			JSON.stringify( validLink() )
		),
		h.agent
	);
	expect( deny.status, deny.body ).toBe( 200 );
	expect( JSON.parse( deny.body ) ).toEqual( {
		redirect: `${ TARGET_URL }-return?success=0`,
	} );
	expect( dbSnapshot() ).toEqual( before );
	expect( problemLines( offsets ) ).toEqual( [] );
} );
