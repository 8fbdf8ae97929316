/**
 * Display helpers shared by the panels.
 */
import { __ } from '@wordpress/i18n';

/**
 * A UTC timestamp in the owner's local time, or "never".
 *
 * @param iso ISO 8601 time in UTC, or null.
 */
export function formatTime( iso: string | null | undefined ): string {
	if ( ! iso ) {
		return __( 'never', 'flashnode-connector' );
	}
	const date = new Date( iso );
	if ( Number.isNaN( date.getTime() ) ) {
		return iso;
	}
	// In the language the page is in (WordPress writes the user's locale into <html lang>), not the browser's:
	// a Finnish page with an English browser would otherwise show US dates.
	try {
		return date.toLocaleString(
			document.documentElement.lang || undefined
		);
	} catch {
		return date.toLocaleString();
	}
}

export function permissionsLabel( permissions: string ): string {
	switch ( permissions ) {
		case 'read':
			return __( 'Read', 'flashnode-connector' );
		case 'write':
			return __( 'Write', 'flashnode-connector' );
		default:
			return __( 'Read/Write', 'flashnode-connector' );
	}
}
