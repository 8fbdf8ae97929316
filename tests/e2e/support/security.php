<?php
/**
 * Test support for the hostile-input and security specs, run with `wp eval-file` (bin/wp-cli/wp.sh).
 *
 *   security.php session <login> [role]   a logged-in browser session made the way wp-login.php makes one (a
 *                                          session token and the secure auth + logged-in cookies), creating the
 *                                          user with `role` when missing; prints {user_id, token, cookie, nonce,
 *                                          stale_nonce}: the REST nonce of that session and one from 3 days ago
 *   security.php end-session <login> <token>   destroys that one session (others stay logged in)
 *   security.php delete-user <login>
 *   security.php snapshot                 what a rejected request must not change, as JSON: the plugin's options
 *                                          (see below), every row of WooCommerce's API key and webhook tables, and
 *                                          the settings and .htaccess the readiness fixes would change
 *   security.php options-containing <needle>...   names of all options (any plugin's) whose value contains a needle
 *   security.php forget-claim <action> <request_id>...   removes the request-id claims of the tests' own requests
 *   security.php raw-key <description>    a key of the plugin whose description is stored exactly as given (the
 *                                          REST route sanitises it; this stands for a row edited elsewhere); prints its id
 *   security.php raw-webhook <name> <delivery_url>   a webhook of the plugin named exactly so; prints its id
 *   security.php foreign-webhook <delivery_url>   a paused WooCommerce webhook that is not the plugin's; prints its id
 *   security.php delete-webhook <id>      deletes a webhook made by this script
 *
 * @package Flashnode\Connector\Tests
 */

global $wpdb;

$flashnode_command = $args[0] ?? '';

if ( 'session' === $flashnode_command ) {
	$login = (string) ( $args[1] ?? '' );
	$user  = get_user_by( 'login', $login );
	if ( ! $user ) {
		$user = get_user_by(
			'id',
			wp_insert_user(
				array(
					'user_login' => $login,
					'user_pass'  => wp_generate_password(),
					'user_email' => $login . '@example.test',
					'role'       => $args[2] ?? 'customer',
				)
			)
		);
	}
	$expiration = time() + DAY_IN_SECONDS;
	$token      = WP_Session_Tokens::get_instance( $user->ID )->create( $expiration );
	$secure     = wp_generate_auth_cookie( $user->ID, $expiration, 'secure_auth', $token );
	$logged_in  = wp_generate_auth_cookie( $user->ID, $expiration, 'logged_in', $token );
	// wp_create_nonce() binds the nonce to the user and to the session token read from the logged-in cookie.
	$_COOKIE[ LOGGED_IN_COOKIE ] = $logged_in;
	wp_set_current_user( $user->ID );
	$stale_tick = wp_nonce_tick( 'wp_rest' ) - 6; // Nonces live two ticks (24 hours); this one is three days old.
	echo wp_json_encode(
		array(
			'user_id'     => (int) $user->ID,
			'token'       => $token,
			'cookie'      => SECURE_AUTH_COOKIE . '=' . rawurlencode( $secure ) . '; ' . LOGGED_IN_COOKIE . '=' . rawurlencode( $logged_in ),
			'nonce'       => wp_create_nonce( 'wp_rest' ),
			'stale_nonce' => substr( wp_hash( $stale_tick . '|wp_rest|' . $user->ID . '|' . $token, 'nonce' ), -12, 10 ),
		)
	);
} elseif ( 'end-session' === $flashnode_command ) {
	$user = get_user_by( 'login', (string) ( $args[1] ?? '' ) );
	if ( $user ) {
		WP_Session_Tokens::get_instance( $user->ID )->destroy( (string) ( $args[2] ?? '' ) );
	}
} elseif ( 'delete-user' === $flashnode_command ) {
	require_once ABSPATH . 'wp-admin/includes/user.php';
	$user = get_user_by( 'login', (string) ( $args[1] ?? '' ) );
	if ( $user ) {
		wp_delete_user( $user->ID );
	}
} elseif ( 'snapshot' === $flashnode_command ) {
	// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- a test reading raw rows.
	// Not compared: the health call log (every call to the health route is logged, by design) and the cached
	// readiness report (GET /readiness recomputes it when the five-minute cache expired; it is derived from
	// the shop's state, not from request input), and the late-change watch (Feed\LateChanges: its scheduled job,
	// which Action Scheduler may run during any admin request, notes how far it has looked at the change log).
	// Everything else of ours, including the request-id claims.
	$options = $wpdb->get_results(
		$wpdb->prepare(
			"SELECT option_name, option_value, autoload FROM {$wpdb->options} WHERE option_name LIKE %s AND option_name NOT IN ( %s, %s, %s, %s, %s, %s, %s ) ORDER BY option_name",
			'%' . $wpdb->esc_like( 'flashnode_connector' ) . '%',
			'flashnode_connector_health_log',
			'flashnode_connector_last_readiness',
			'flashnode_connector_late_changes',
			'_transient_flashnode_connector_readiness',
			'_transient_timeout_flashnode_connector_readiness',
			'_transient_flashnode_connector_probe_token',
			'_transient_timeout_flashnode_connector_probe_token'
		),
		ARRAY_A
	);
	$core    = array();
	foreach ( array( 'permalink_structure', 'woocommerce_api_enabled', 'users_can_register', 'default_role' ) as $name ) {
		$core[ $name ] = get_option( $name );
	}
	$htaccess = ABSPATH . '.htaccess';
	echo wp_json_encode(
		array(
			'options'   => $options,
			'api_keys'  => $wpdb->get_results( "SELECT * FROM {$wpdb->prefix}woocommerce_api_keys ORDER BY key_id", ARRAY_A ),
			'webhooks'  => $wpdb->get_results( "SELECT * FROM {$wpdb->prefix}wc_webhooks ORDER BY webhook_id", ARRAY_A ),
			'users'     => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" ),
			'core'      => $core,
			'htaccess'  => is_file( $htaccess ) ? sha1_file( $htaccess ) : null,
		)
	);
	// phpcs:enable
} elseif ( 'options-containing' === $flashnode_command ) {
	$names = array();
	foreach ( array_slice( $args, 1 ) as $needle ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- every option, autoloaded or not, as stored.
		$found = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_value LIKE %s", '%' . $wpdb->esc_like( $needle ) . '%' ) );
		$names = array_merge( $names, $found );
	}
	echo wp_json_encode( array_values( array_unique( $names ) ) );
} elseif ( 'raw-key' === $flashnode_command ) {
	$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- as WooCommerce stores keys.
		$wpdb->prefix . 'woocommerce_api_keys',
		array(
			'user_id'         => get_user_by( 'login', 'admin' )->ID,
			'description'     => (string) ( $args[1] ?? '' ),
			'permissions'     => 'read',
			'consumer_key'    => wc_api_hash( 'ck_' . wc_rand_hash() ),
			'consumer_secret' => 'cs_' . wc_rand_hash(),
			'truncated_key'   => 'xss0000',
		)
	);
	$key_id = (int) $wpdb->insert_id;
	update_option( Flashnode\Connector\Keys\ApiKeys::OPTION, array_merge( Flashnode\Connector\Keys\ApiKeys::ids(), array( $key_id ) ), false );
	echo (int) $key_id;
} elseif ( 'raw-webhook' === $flashnode_command || 'foreign-webhook' === $flashnode_command ) {
	$foreign = 'foreign-webhook' === $flashnode_command;
	$webhook = new WC_Webhook();
	$webhook->set_name( $foreign ? 'Another integration' : (string) ( $args[1] ?? '' ) );
	$webhook->set_user_id( get_user_by( 'login', 'admin' )->ID );
	$webhook->set_topic( 'order.deleted' );
	$webhook->set_delivery_url( (string) ( $foreign ? ( $args[1] ?? '' ) : ( $args[2] ?? '' ) ) );
	$webhook->set_secret( wp_generate_password( 40, false ) );
	$webhook->set_api_version( 'wp_api_v3' );
	$webhook->set_status( 'paused' );
	$webhook_id = (int) $webhook->save();
	if ( ! $foreign ) {
		update_option( Flashnode\Connector\Webhooks\WebhookRegistry::OPTION, array_merge( Flashnode\Connector\Webhooks\WebhookRegistry::ids(), array( $webhook_id ) ), false );
	}
	echo (int) $webhook_id;
} elseif ( 'delete-webhook' === $flashnode_command ) {
	( new WC_Webhook( (int) ( $args[1] ?? 0 ) ) )->delete( true );
} elseif ( 'forget-claim' === $flashnode_command ) {
	foreach ( array_slice( $args, 2 ) as $request_id ) {
		delete_option( Flashnode\Connector\Http\RequestClaim::OPTION_PREFIX . md5( ( $args[1] ?? '' ) . '|' . $request_id ) );
	}
} else {
	fwrite( STDERR, "usage: security.php session <login> [role] | end-session <login> <token> | delete-user <login> | snapshot | options-containing <needle>... | forget-claim <action> <request_id>... | raw-key <description> | raw-webhook <name> <url> | foreign-webhook <url> | delete-webhook <id>\n" );
	exit( 2 );
}
