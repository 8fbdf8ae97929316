/**
 * @wordpress/scripts' config with WooCommerce's dependency extraction, so @wordpress/* and @woocommerce/*
 * resolve to the copies WordPress and WooCommerce already load (build/index.asset.php lists them).
 */
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );
const WooCommerceDependencyExtractionWebpackPlugin = require( '@woocommerce/dependency-extraction-webpack-plugin' );

module.exports = {
	...defaultConfig,
	entry: {
		index: './src/index.tsx',
	},
	plugins: [
		...defaultConfig.plugins.filter(
			( plugin ) =>
				plugin.constructor.name !==
				'DependencyExtractionWebpackPlugin'
		),
		new WooCommerceDependencyExtractionWebpackPlugin( {
			// The `react-jsx-runtime` script handle exists only in WordPress >= 6.6; bundling the few hundred
			// bytes of react/jsx-runtime keeps the page working on WordPress 6.1-6.5.
			requestToExternal: ( request ) =>
				request === 'react/jsx-runtime' ||
				request === 'react/jsx-dev-runtime'
					? false
					: undefined,
		} ),
	],
};
