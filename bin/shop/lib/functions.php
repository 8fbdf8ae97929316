<?php
/**
 * Helpers shared by the shop's PHP scripts: install-wordpress.php (through lib/bootstrap.php) and the ones WP-CLI
 * runs with eval-file (setup-woocommerce.php, baseline.php, the browser tests' sample orders). Loading it needs no
 * WordPress; the functions that call WordPress say so.
 *
 * @package FlashnodeConnector\Shop
 */

// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.DevelopmentFunctions

/**
 * Folder of the shop's WordPress: FLASHNODE_WP_DIR, else FLASHNODE_SHOP_DIR/wordpress, else <repo>/.shop/wordpress.
 */
function shop_wp_dir(): string {
	$dir = getenv( 'FLASHNODE_WP_DIR' );
	if ( ! $dir ) {
		$dir = ( getenv( 'FLASHNODE_SHOP_DIR' ) ? rtrim( (string) getenv( 'FLASHNODE_SHOP_DIR' ), '/' ) : dirname( __DIR__, 3 ) . '/.shop' ) . '/wordpress';
	}
	return rtrim( $dir, '/' );
}

/**
 * WordPress looks at $_SERVER to build URLs and decide is_ssl(); on the
 * command line there is no request, so describe one to the HTTPS site.
 */
function shop_fake_http_request(): void {
	$port                       = shop_https_port();
	$_SERVER['HTTP_HOST']       = '127.0.0.1:' . $port;
	$_SERVER['SERVER_NAME']     = '127.0.0.1';
	$_SERVER['SERVER_PORT']     = $port;
	$_SERVER['HTTPS']           = 'on';
	$_SERVER['REQUEST_URI']     = '/';
	$_SERVER['REQUEST_METHOD']  = 'GET';
	$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
	$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
	$_SERVER['HTTP_USER_AGENT'] = 'flashnode-shop-cli';
	$_SERVER['SCRIPT_FILENAME'] = shop_wp_dir() . '/index.php';
	$_SERVER['SCRIPT_NAME']     = '/index.php';
	$_SERVER['PHP_SELF']        = '/index.php';
}

/**
 * HTTPS port of the shop: FLASHNODE_HTTPS_PORT, else the one bin/shop.sh
 * recorded in .shop/shop.json, else the default 8743.
 */
function shop_https_port(): string {
	if ( getenv( 'FLASHNODE_HTTPS_PORT' ) ) {
		return (string) getenv( 'FLASHNODE_HTTPS_PORT' );
	}
	$json = dirname( shop_wp_dir() ) . '/shop.json';
	$shop = is_file( $json ) ? json_decode( (string) file_get_contents( $json ), true ) : null;
	$port = is_array( $shop ) && isset( $shop['url'] ) ? shop_url_port( $shop['url'] ) : null;
	return $port ? (string) $port : '8743';
}

/**
 * Port of a URL (parse_url; WordPress is not loaded yet).
 *
 * @param string $url URL.
 */
function shop_url_port( string $url ): ?int {
	$port = parse_url( $url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	return $port ? (int) $port : null;
}

/**
 * Print an error on stderr and exit non-zero.
 *
 * @param string $message What went wrong.
 * @param int    $code    Exit code.
 */
function shop_fail( string $message, int $code = 1 ): void {
	fwrite( STDERR, 'error: ' . $message . PHP_EOL );
	exit( $code );
}

/**
 * Print a line (strings as they are, everything else as JSON).
 *
 * @param mixed $value Value to print.
 */
function shop_out( $value ): void {
	if ( is_string( $value ) || is_int( $value ) || is_float( $value ) ) {
		echo $value, PHP_EOL; // phpcs:ignore WordPress.Security.EscapeOutput
		return;
	}
	echo json_encode( $value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ), PHP_EOL; // phpcs:ignore
}

/**
 * Shutdown handler: make fatal errors visible on the command line (WordPress
 * sends them to the log only, as display_errors is off).
 */
function shop_report_fatal_error(): void {
	$error = error_get_last();
	$fatal = array( E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR, E_RECOVERABLE_ERROR );
	if ( $error && in_array( $error['type'], $fatal, true ) ) {
		fwrite( STDERR, sprintf( "PHP fatal error: %s in %s:%d\n", $error['message'], $error['file'], $error['line'] ) );
	}
}

/**
 * Name of our wp_die() handler (used with the wp_die_*handler filters).
 */
function shop_wp_die_handler_name(): string {
	return 'shop_wp_die';
}

/**
 * A wp_die() handler for the command line: plain message, exit code 1.
 *
 * @param string|WP_Error $message Message.
 * @param string          $title   Title.
 * @param array|int       $args    Arguments; may hold 'response' or 'exit'.
 */
function shop_wp_die( $message, $title = '', $args = array() ): void {
	if ( is_wp_error( $message ) ) {
		$message = $message->get_error_message();
	}
	$text = trim( html_entity_decode( wp_strip_all_tags( (string) $message ) ) );
	if ( '' === $text ) {
		$text = is_string( $title ) && '' !== $title ? $title : 'wp_die() called';
	}
	shop_fail( $text );
}

/**
 * Files written by this root process must stay writable for Apache's user,
 * or uploading/deleting plugins in wp-admin breaks. Only acts when run as root.
 * (bin/wp-cli/wp.sh does the same after every WP-CLI run.)
 */
function shop_fix_ownership(): void {
	if ( ! function_exists( 'posix_geteuid' ) || 0 !== posix_geteuid() ) {
		return;
	}
	// .htaccess: wp-admin rewrites it when permalinks are saved.
	$paths = array( shop_wp_dir() . '/wp-content', shop_wp_dir() . '/.htaccess', dirname( shop_wp_dir() ) . '/logs' );
	foreach ( $paths as $path ) {
		if ( ! file_exists( $path ) ) {
			continue;
		}
		// Only what is not owned by www-data yet: cheap on a large wp-content.
		$command = sprintf(
			'find %s \( ! -user www-data -o ! -group www-data \) -exec chown www-data:www-data {} + 2>&1',
			escapeshellarg( $path )
		);
		exec( $command, $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
		if ( 0 !== $status ) {
			fwrite( STDERR, 'warning: could not hand ' . $path . ' to www-data: ' . implode( ' ', $output ) . PHP_EOL );
		}
	}
}

/**
 * Pretty permalinks: the REST API under /wp-json/ needs them, and Apache
 * needs WordPress's rewrite block in .htaccess. Needs WordPress loaded
 * (install-wordpress.php, baseline.php).
 */
function shop_set_pretty_permalinks(): void {
	global $wp_rewrite;
	if ( '/%postname%/' !== get_option( 'permalink_structure' ) ) {
		$wp_rewrite->set_permalink_structure( '/%postname%/' );
	}
	// WordPress only writes .htaccess when it believes it runs under Apache
	// with mod_rewrite; on the command line it cannot detect either.
	$GLOBALS['is_apache'] = true; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- it is Apache that serves the shop.
	add_filter( 'got_mod_rewrite', '__return_true' );
	flush_rewrite_rules( true );
	if ( ! is_file( ABSPATH . '.htaccess' ) || false === strpos( (string) file_get_contents( ABSPATH . '.htaccess' ), 'RewriteRule' ) ) {
		shop_fail( 'WordPress did not write the rewrite rules to ' . ABSPATH . '.htaccess' );
	}
}
