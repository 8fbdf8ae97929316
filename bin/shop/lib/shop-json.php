<?php
/**
 * Writes .shop/shop.json (what tests and tools need to reach the shop) from
 * the SHOP_JSON_* environment variables set by bin/shop.sh. No WordPress.
 *
 * Usage: php bin/shop/lib/shop-json.php <output-file> <setup-woocommerce.json>
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.AlternativeFunctions

$env   = static fn( string $name ): string => (string) getenv( 'SHOP_JSON_' . $name );
$setup = json_decode( (string) @file_get_contents( $argv[2] ), true ); // phpcs:ignore WordPress.PHP.NoSilencedErrors

/*
 * Where a tree was taken from, from bin/shop/lib/sources.sh's label ("environment: <zip or folder>", "cache: <folder>",
 * "download: <url>"; "installed copy" for a shop older than its record), so that tests and tools find the same
 * source whichever way it came, instead of guessing a cache folder. null: not installed (no Legacy REST API plugin
 * on WooCommerce < 9.0, or none found).
 */
$source = static function ( string $label ): ?array {
	if ( '' === $label ) {
		return null;
	}
	$parts = explode( ': ', $label, 2 );
	if ( 2 !== count( $parts ) ) {
		return array( 'from' => $label );
	}
	$where = 'download' === $parts[0] ? 'url' : 'path';
	return array(
		'from' => $parts[0],
		$where => $parts[1],
	);
};

$data = array(
	'url'                    => $env( 'URL' ),
	'adminUrl'               => $env( 'URL' ) . '/wp-admin/',
	'httpUrl'                => $env( 'HTTP_URL' ),
	'user'                   => 'admin',
	'password'               => 'admin-password',
	'caFile'                 => $env( 'CA' ),
	'wpVersion'              => $env( 'WP_VERSION' ),
	'wpSource'               => $env( 'WP_SOURCE' ),
	'wcVersion'              => $env( 'WC_VERSION' ),
	'wcSource'               => $env( 'WC_SOURCE' ),
	'wcLegacyRestApiVersion' => '' !== $env( 'LEGACY' ) ? $env( 'LEGACY' ) : null,
	'wordpressDir'           => $env( 'WP_DIR' ),
	'phpErrorLog'            => $env( 'LOGS' ) . '/php-errors.log',
	'debugLog'               => $env( 'LOGS' ) . '/debug.log',
	'mailLog'                => $env( 'LOGS' ) . '/mail.log',
	'dbSocket'               => $env( 'SOCKET' ),
	'hpos'                   => ! empty( $setup['hpos'] ),
	'pluginZip'              => $env( 'ZIP' ),
	'sources'                => array(
		'wordpress'                => $source( $env( 'WP_SOURCE' ) ),
		'woocommerce'              => $source( $env( 'WC_SOURCE' ) ),
		'woocommerceLegacyRestApi' => $source( $env( 'LEGACY_SOURCE' ) ),
	),
);

$json = json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) . "\n";
// Leave the file alone when nothing changed (watchers, mtimes).
if ( ! is_file( $argv[1] ) || file_get_contents( $argv[1] ) !== $json ) {
	file_put_contents( $argv[1], $json );
}
