/**
 * The page's one data flow: a @wordpress/data store of the plugin's admin routes, keyed by route (as
 * woocommerce-payments keeps one store slice per resource, kept small here because every route answers one
 * resource). Panels read a route with useResource(); a change (useMutation) names the routes it makes stale and
 * the store loads those again, so no panel has to tell another one to reload.
 */
import { createReduxStore, register } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

import { errorMessage, request } from '../api/client';

export const STORE_NAME = 'flashnode-connector/admin';

/** Notices of this page live in their own context, shown by PageNotices (not WooCommerce's global list). */
export const NOTICE_CONTEXT = 'flashnode-connector';

export interface ResourceState {
	data: unknown;
	error: string | null;
	loading: boolean;
}

type State = Record< string, ResourceState >;

type Action =
	| { type: 'LOAD'; path: string }
	| { type: 'RECEIVE'; path: string; data: unknown }
	| { type: 'FAIL'; path: string; error: string };

const NOT_LOADED: ResourceState = { data: null, error: null, loading: true };

// @wordpress/data types thunk arguments loosely.
interface ThunkArgs {
	dispatch: any;
	select: any;
	registry: any;
}

// The newest load of a route wins: an older answer arriving late must not overwrite a newer one.
const latest = new Map< string, number >();

function reducer( state: State = {}, action: Action ): State {
	const current = state[ action.path ] ?? NOT_LOADED;
	switch ( action.type ) {
		case 'LOAD':
			return { ...state, [ action.path ]: { ...current, loading: true } };
		case 'RECEIVE':
			return {
				...state,
				[ action.path ]: {
					data: action.data,
					error: null,
					loading: false,
				},
			};
		case 'FAIL':
			return {
				...state,
				[ action.path ]: {
					...current,
					error: action.error,
					loading: false,
				},
			};
		default:
			return state;
	}
}

const actions = {
	/**
	 * Stores an answer that came with a change (a fix answers the fresh report, a save the saved settings).
	 * @param path Route.
	 * @param data Its answer.
	 */
	receive: ( path: string, data: unknown ): Action => ( {
		type: 'RECEIVE',
		path,
		data,
	} ),

	/**
	 * Loads a route; a failure becomes an error notice and the route's error.
	 * @param path  Route, e.g. '/keys'.
	 * @param query Query string for this load only, e.g. '?fresh=true'.
	 */
	load:
		( path: string, query = '' ) =>
		async ( { dispatch, registry }: ThunkArgs ) => {
			const call = ( latest.get( path ) ?? 0 ) + 1;
			latest.set( path, call );
			dispatch( { type: 'LOAD', path } );
			try {
				const data = await request( path + query );
				if ( latest.get( path ) === call ) {
					dispatch( { type: 'RECEIVE', path, data } );
				}
			} catch ( caught ) {
				if ( latest.get( path ) !== call ) {
					return;
				}
				const error = errorMessage( caught );
				dispatch( { type: 'FAIL', path, error } );
				registry.dispatch( noticesStore ).createErrorNotice( error, {
					id: `load:${ path }`,
					context: NOTICE_CONTEXT,
				} );
			}
		},

	/**
	 * Loads again the routes a change made stale (those the page has loaded; the others load when first read).
	 * @param paths Routes.
	 */
	invalidate:
		( paths: string[] ) =>
		async ( { dispatch, select }: ThunkArgs ) => {
			await Promise.all(
				paths
					.filter( ( path ) => select.isLoaded( path ) )
					.map( ( path ) => dispatch.load( path ) )
			);
		},
};

const selectors = {
	getResource: ( state: State, path: string ): ResourceState =>
		state[ path ] ?? NOT_LOADED,
	isLoaded: ( state: State, path: string ): boolean => path in state,
	/**
	 * Whether the routes read so far have all answered: the panels have their final size, and nothing moves under
	 * the owner's pointer any more (panels grow as their answers arrive).
	 * @param state Store state.
	 */
	isSettled: ( state: State ): boolean =>
		Object.keys( state ).length > 0 &&
		Object.values( state ).every( ( resource ) => ! resource.loading ),
};

const resolvers = {
	getResource:
		( path: string ) =>
		async ( { dispatch }: ThunkArgs ) =>
			dispatch.load( path ),
};

export const store = createReduxStore( STORE_NAME, {
	reducer,
	actions,
	selectors,
	resolvers,
} );

register( store );
