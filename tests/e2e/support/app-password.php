<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): an application password for a user (created with
 * the given role when missing), for REST calls without a browser session (e.g. over plain HTTP).
 *
 *   app-password.php create <login> <role>   prints {"user":…,"password":…,"uuid":…}
 *   app-password.php delete <login> <uuid>
 *
 * @package Flashnode\Connector\Tests
 */

$login = $args[1] ?? '';
$user  = get_user_by( 'login', $login );
if ( 'create' === ( $args[0] ?? '' ) ) {
	if ( ! $user ) {
		$user = get_user_by( 'id', wp_insert_user( array( 'user_login' => $login, 'user_pass' => wp_generate_password(), 'user_email' => $login . '@example.test', 'role' => $args[2] ?? 'subscriber' ) ) );
	}
	list( $password, $item ) = WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => 'flashnode-e2e-' . wp_generate_password( 6, false ) ) );
	echo wp_json_encode( array( 'user' => $login, 'password' => $password, 'uuid' => $item['uuid'] ) );
} elseif ( 'delete' === ( $args[0] ?? '' ) && $user ) {
	WP_Application_Passwords::delete_application_password( $user->ID, $args[2] ?? '' );
} else {
	fwrite( STDERR, "usage: app-password.php create <login> <role> | delete <login> <uuid>\n" );
	exit( 2 );
}
