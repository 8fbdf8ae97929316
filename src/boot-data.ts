/**
 * Boot data the PHP side prints before the app (see php/Admin/SettingsAssets.php).
 * Validated here so a stale or tampered page fails with a readable message instead of a blank screen.
 */
export interface BootData {
	pluginVersion: string;
	wcVersion: string;
}

export const BOOT_GLOBAL = 'flashnodeConnectorBoot';

/** Must match SettingsTab::ROOT_ELEMENT_ID in PHP. */
export const ROOT_ELEMENT_ID = 'flashnode-connector-root';

const REQUIRED_STRINGS: ReadonlyArray< keyof BootData > = [
	'pluginVersion',
	'wcVersion',
];

export class BootDataError extends Error {}

export function parseBootData( raw: unknown ): BootData {
	if ( typeof raw !== 'object' || raw === null ) {
		throw new BootDataError(
			'Flashnode Connector boot data is missing: reload the page; if it persists, reinstall the plugin.'
		);
	}
	const record = raw as Record< string, unknown >;
	const missing = REQUIRED_STRINGS.filter(
		( key ) => typeof record[ key ] !== 'string'
	);
	if ( missing.length > 0 ) {
		throw new BootDataError(
			`Flashnode Connector boot data lacks ${ missing.join( ', ' ) }.`
		);
	}
	return {
		pluginVersion: record.pluginVersion as string,
		wcVersion: record.wcVersion as string,
	};
}
