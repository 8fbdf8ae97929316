/**
 * A stand-in for @wordpress/api-fetch in component tests: answers by "METHOD path" and records every call.
 * Each test file mocks the module itself (`jest.mock` is hoisted only within the file that calls it).
 * The real routes are exercised by the PHP and browser tiers; here only the page's state logic is under test.
 */
import apiFetch from '@wordpress/api-fetch';

export interface RecordedCall {
	method: string;
	path: string;
	data?: Record< string, unknown >;
}

type Answer = unknown | ( ( call: RecordedCall ) => unknown );

export function fakeApi( answers: Record< string, Answer > ): RecordedCall[] {
	const calls: RecordedCall[] = [];
	( apiFetch as unknown as jest.Mock ).mockImplementation(
		async ( options: {
			path: string;
			method?: string;
			data?: Record< string, unknown >;
		} ) => {
			const call: RecordedCall = {
				method: options.method ?? 'GET',
				path: options.path.replace( '/flashnode/v1', '' ),
				data: options.data,
			};
			calls.push( call );
			const key = `${ call.method } ${ call.path }`;
			if ( ! ( key in answers ) ) {
				throw { code: 'unexpected', message: `No answer for ${ key }` };
			}
			const answer = answers[ key ];
			return typeof answer === 'function' ? answer( call ) : answer;
		}
	);
	return calls;
}

/**
 * A WordPress REST error as api-fetch rejects with it.
 * @param code
 * @param message
 * @param status
 */
export function restError( code: string, message: string, status = 400 ) {
	return () => {
		throw { code, message, data: { status } };
	};
}
