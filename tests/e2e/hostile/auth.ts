/**
 * How the hostile-input requests authenticate: the broken variants (each with the status it must get) and the
 * shop manager with a valid nonce.
 */
import type { RawRequest, Session } from '../raw-http';
import type { Hostile } from './context';

export type Auth =
	| 'anonymous'
	| 'cookie without nonce'
	| 'garbage nonce'
	| 'expired nonce'
	| 'ended session'
	| 'customer'
	| "customer with the admin's nonce"
	| 'garbage _wpnonce in the query';

export const AUTHS: Auth[] = [
	'anonymous',
	'cookie without nonce',
	'garbage nonce',
	'expired nonce',
	'ended session',
	'customer',
	"customer with the admin's nonce",
	'garbage _wpnonce in the query',
];

/**
 * Headers and extra query for an authentication variant, and the status a route answers it with.
 *
 * @param h    The sessions.
 * @param auth Variant.
 */
export function authOf(
	h: Hostile,
	auth: Auth
): { headers: Record< string, string >; query: string; status: number } {
	const { admin, customer, ended } = h;
	const cookie = ( session: Session, nonce: string, status = 403 ) => ( {
		headers: { Cookie: session.cookie, 'X-WP-Nonce': nonce },
		query: '',
		status,
	} );
	switch ( auth ) {
		case 'anonymous':
			return { headers: {}, query: '', status: 401 };
		case 'cookie without nonce':
			// WordPress treats a cookie without the REST nonce as logged out (CSRF protection).
			return {
				headers: { Cookie: admin.cookie },
				query: '',
				status: 401,
			};
		case 'garbage nonce':
			return cookie( admin, "0' OR '1'='1" );
		case 'expired nonce':
			return cookie( admin, admin.stale_nonce );
		case 'ended session':
			// The cookie of a session that was logged out: no user, and the session's nonce no longer matches.
			return cookie( ended, ended.nonce );
		case 'customer':
			return cookie( customer, customer.nonce );
		case "customer with the admin's nonce":
			return cookie( customer, admin.nonce );
		case 'garbage _wpnonce in the query':
			return {
				headers: { Cookie: admin.cookie },
				query: '_wpnonce=%3Cscript%3E',
				status: 403,
			};
	}
}

export const adminHeaders = ( h: Hostile ): Record< string, string > => ( {
	Cookie: h.admin.cookie,
	'X-WP-Nonce': h.admin.nonce,
} );

export const adminJsonHeaders = ( h: Hostile ): Record< string, string > => ( {
	...adminHeaders( h ),
	'Content-Type': 'application/json',
} );

/**
 * A request of the shop manager with a valid nonce; a body goes with its content type (JSON unless given).
 *
 * @param h           The sessions.
 * @param method      HTTP method.
 * @param path        Path and query, already encoded.
 * @param body        Body.
 * @param contentType Its type.
 */
export const adminRequest = (
	h: Hostile,
	method: string,
	path: string,
	body?: string,
	contentType = 'application/json'
): RawRequest => ( {
	method,
	path,
	headers:
		body === undefined
			? adminHeaders( h )
			: { ...adminHeaders( h ), 'Content-Type': contentType },
	body,
} );
