/**
 * Jest for the admin app's logic and components (jsdom). Extends @wordpress/scripts' unit config.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaultConfig,
	rootDir: path.resolve( __dirname, '../..' ),
	testMatch: [ '<rootDir>/tests/unit/**/*.test.[jt]s?(x)' ],
	setupFilesAfterEnv: [ '<rootDir>/tests/unit/setup.ts' ],
	// Jest 30 on Node 20 cannot load ESM-only packages (uuid, @wordpress/theme's .mjs, gettext-parser); let babel
	// transform them.
	transform: {
		'\\.m?[jt]sx?$':
			require.resolve( '@wordpress/scripts/config/babel-transform' ),
	},
	transformIgnorePatterns: [
		'/node_modules/(?!(.*/)?(uuid|@wordpress/theme|gettext-parser)/)',
	],
	moduleNameMapper: {
		'\\.(css|scss)$': '<rootDir>/tests/unit/style-stub.js',
	},
};
