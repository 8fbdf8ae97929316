<?php
/**
 * The approval link: GET proposal, POST approve/deny, DELETE connection (disconnect).
 *
 * The remote service is simulated at the outbound boundary only (pre_http_request): the routes, the URL checks,
 * keys, webhooks and settings all run for real in the shop.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\History;
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Approve sets up everything in one request, or leaves nothing behind.
 */
final class ApprovalRoutesTest extends RestTestCase {

	/** Where the simulated service receives webhooks and disconnect notices. */
	private const REMOTE_HOOKS = 'https://203.0.113.11/hooks';

	/**
	 * The link's parameters, with changes.
	 *
	 * @param array<string,mixed> $changes Replaced or added parameters.
	 * @return array<string,mixed>
	 */
	private function link( array $changes = array() ): array {
		return array_merge(
			array(
				'service_name'   => self::MARKER,
				'callback_url'   => self::REMOTE_CALLBACK,
				'return_url'     => 'https://203.0.113.12/back?state=abc',
				'webhook_url'    => self::REMOTE_HOOKS,
				'topics'         => 'order.created,order.updated',
				'order_statuses' => 'completed',
			),
			$changes
		);
	}

	/**
	 * What must stay unchanged when an approval fails.
	 *
	 * @return array<string,mixed>
	 */
	private function state(): array {
		return array(
			'keys'     => ApiKeys::ids(),
			'webhooks' => WebhookRegistry::ids(),
			'settings' => get_option( Settings::OPTION, null ),
			'service'  => get_option( Connections::OPTION, null ),
			'users'    => self::service_user_ids(),
			'history'  => get_option( History::OPTION, null ),
		);
	}

	/**
	 * The proposal says what Approve would grant, and creates nothing.
	 */
	public function test_proposal_describes_and_changes_nothing(): void {
		$before = $this->state();
		$data   = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection/proposal', $this->link() ) );
		$this->assertSame( self::MARKER, $data['proposal']['service_name'] );
		$this->assertSame( '203.0.113.10', $data['proposal']['callback_host'] );
		$this->assertSame( '203.0.113.11', $data['proposal']['webhook_host'] );
		$this->assertSame( array( 'order.created', 'order.updated' ), $data['proposal']['topics'] );
		$this->assertSame( array( 'completed' ), $data['proposal']['order_statuses'] );
		$this->assertSame( 'read_write', $data['proposal']['permissions'] );
		$this->assertSame( array( 'orders:read', 'orders:write', 'products:read' ), array_column( $data['proposal']['scopes'], 'id' ), 'The default scopes.' );
		$this->assertSame( array( false, true, true ), array_column( $data['proposal']['scopes'], 'optional' ) );
		$this->assertStringContainsString( 'payment methods', $data['proposal']['never'] );
		$this->assertNull( $data['proposal']['replaces'] );
		$this->assertSame( $before, $this->state() );
		$this->assertSame( 0, $this->count_keys_since_start() + $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * Approve: key, webhooks with a secret, one hand-off with every field, settings saved, way back.
	 */
	public function test_approve_sets_up_everything_in_one_request(): void {
		$this->answer_outbound( self::http_response( 200, (string) wp_json_encode( array( 'disconnect_url' => self::REMOTE_HOOKS . '/disconnect' ) ) ) );
		$data = $this->assertRestSuccess( 201, $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );

		$this->assertCount( 1, $this->outbound, 'One hand-off, nothing else.' );
		$payload = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertIsArray( $payload );
		$this->assertSame( array( 'site_url', 'consumer_key', 'consumer_secret', 'key_permissions', 'key_id', 'user_id', 'scopes', 'plugin_version', 'webhook_secret', 'webhook_ids', 'topics', 'delivery_format', 'order_statuses', 'api_mode' ), array_keys( $payload ) );
		$this->assertSame( array( 'order.created', 'order.updated' ), $payload['topics'] );
		$this->assertSame( array( 'completed' ), $payload['order_statuses'] );
		$this->assertCount( 2, $payload['webhook_ids'] );
		foreach ( $payload['webhook_ids'] as $id ) {
			$webhook = WebhookRegistry::find( $id );
			$this->assertNotNull( $webhook );
			$this->assertSame( $payload['webhook_secret'], $webhook->get_secret( 'edit' ) );
			$this->assertSame( self::REMOTE_HOOKS, $webhook->get_delivery_url() );
		}
		$this->assertGreaterThanOrEqual( 32, strlen( (string) $payload['webhook_secret'] ) );
		$this->assertContains( $payload['key_id'], ApiKeys::ids() );
		$this->assertSame( array( 'completed' ), Settings::all()['order_statuses'] );
		$this->assertSame( 'https://203.0.113.12/back?state=abc&success=1&site_url=' . rawurlencode( home_url() ), $data['redirect'] );
		$this->assertStringNotContainsString( (string) $payload['webhook_secret'], (string) wp_json_encode( $data ), 'Secrets go to the service only.' );
		$this->assertStringNotContainsString( (string) $payload['consumer_secret'], (string) wp_json_encode( $data ) );
		$this->assertSame( 'connected', History::entries()[0]['event'] );
		$record = Connections::for_host( '203.0.113.10' );
		$this->assertSame( self::MARKER, $record['service_name'] ?? null );
		$this->assertSame( array( $payload['key_id'] ), $record['key_ids'] );
		$this->assertSame( $payload['webhook_ids'], $record['webhook_ids'] );
		// The key acts as the service's own user, holding only its scopes.
		$user = get_userdata( (int) $payload['user_id'] );
		$this->assertInstanceOf( \WP_User::class, $user );
		$this->assertNotSame( get_current_user_id(), $user->ID );
		$this->assertSame( array( ServiceUser::ROLE ), array_values( $user->roles ) );
		$this->assertStringStartsWith( 'flashnode-flashnode-php-test', $user->user_login );
		$this->assertSame( '', $user->user_email );
		$this->assertSame( $user->ID, $record['user_id'] );
		$this->assertSame( (int) $payload['user_id'], (int) self::key_row( (int) $payload['key_id'] )['user_id'] );
		$this->assertTrue( user_can( $user, 'read_private_shop_orders' ) );
		$this->assertFalse( user_can( $user, 'manage_woocommerce' ) );
		$this->assertFalse( user_can( $user, 'edit_products' ) );
		foreach ( $payload['webhook_ids'] as $id ) {
			$this->assertSame( $user->ID, WebhookRegistry::find( $id )->get_user_id(), 'Payloads built as the service.' );
		}
		$this->assertInstanceOf( \WP_Error::class, wp_authenticate( $user->user_login, 'any' ), 'No password login.' );
		Disconnect::run( $record['id'], 'test' );
		$this->assertFalse( get_userdata( $user->ID ), 'Disconnect deletes the service user.' );
	}

	/**
	 * A service that refuses (or cannot be reached) leaves no key, no webhook and no changed setting.
	 *
	 * @dataProvider refusals
	 *
	 * @param callable $answer Builds the service's answer.
	 */
	public function test_refused_approval_leaves_nothing( callable $answer ): void {
		$before = $this->state();
		$this->answer_outbound( $answer() );
		$response = $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) );
		$this->assertRestError( 424, 'flashnode_handoff_failed', $response );
		$this->assertSame( $before, $this->state() );
		$this->assertSame( 0, $this->count_keys_since_start() + $this->count_new_rows( 'webhooks' ) );
	}

	/**
	 * Answers that are not 200.
	 *
	 * @return array<string,array{callable}>
	 */
	public function refusals(): array {
		return array(
			'500'         => array( static fn() => self::http_response( 500 ) ),
			'201'         => array( static fn() => self::http_response( 201 ) ),
			'unreachable' => array( static fn() => new \WP_Error( 'http_request_failed', 'cURL error 7' ) ),
		);
	}

	/**
	 * Deny only gives the way back; nothing is sent, created or changed.
	 */
	public function test_deny_changes_nothing(): void {
		$before = $this->state();
		$this->answer_outbound( self::http_response( 200 ) );
		$data = $this->assertRestSuccess( 200, $this->call( 'POST', '/connection/deny', $this->link() ) );
		$this->assertSame( 'https://203.0.113.12/back?state=abc&success=0', $data['redirect'] );
		$this->assertSame( array(), $this->outbound );
		$this->assertSame( $before, $this->state() );
	}

	/**
	 * Every URL of the link is checked like other outbound addresses: 400, nothing sent or created.
	 *
	 * @dataProvider bad_links
	 *
	 * @param array<string,string> $changes Parameters that make the link bad.
	 * @param string               $code    Expected error code.
	 */
	public function test_bad_links_are_refused_everywhere( array $changes, string $code ): void {
		$before = $this->state();
		$this->answer_outbound( self::http_response( 200 ) );
		foreach ( array( array( 'GET', 'proposal' ), array( 'POST', 'approve' ), array( 'POST', 'deny' ) ) as list( $method, $route ) ) {
			$response = $this->call( $method, '/connection/' . $route, $this->link( $changes + array( 'request_id' => $this->request_id() ) ) );
			$this->assertRestError( 400, $code, $response, $route );
			$this->assertStringContainsString( (string) array_key_first( $changes ), $response->get_data()['message'], 'Names the parameter.' );
		}
		$this->assertSame( array(), $this->outbound );
		$this->assertSame( $before, $this->state() );
	}

	/**
	 * Bad links.
	 *
	 * @return array<string,array{array<string,string>,string}>
	 */
	public function bad_links(): array {
		$links = array();
		foreach ( array( 'callback_url', 'return_url', 'webhook_url' ) as $field ) {
			$links[ "$field http" ]        = array( array( $field => 'http://203.0.113.10/x' ), 'flashnode_invalid_url' );
			$links[ "$field private" ]     = array( array( $field => 'https://10.0.0.5/x' ), 'flashnode_invalid_url' );
			$links[ "$field credentials" ] = array( array( $field => 'https://user:pw@203.0.113.10/x' ), 'flashnode_invalid_url' );
		}
		$links['callback_url missing'] = array( array( 'callback_url' => '' ), 'flashnode_invalid_url' );
		$links['unknown topic']        = array( array( 'topics' => 'order.created,customer.deleted' ), 'flashnode_invalid_connection_link' );
		$links['unknown status']       = array( array( 'order_statuses' => 'processing,shipped-to-mars' ), 'flashnode_invalid_connection_link' );
		$links['empty name']           = array( array( 'service_name' => ' ' ), 'flashnode_invalid_connection_link' );
		$links['scopes unknown']       = array( array( 'scopes' => 'orders:read,payment_gateways:write' ), 'flashnode_invalid_connection_link' );
		$links['scopes no orders']     = array( array( 'scopes' => 'products:read' ), 'flashnode_invalid_connection_link' );
		$links['delivery format']      = array( array( 'delivery_format' => 'xml' ), 'flashnode_invalid_connection_link' );
		return $links;
	}

	/**
	 * Only shop managers, and (from a browser) only with the REST nonce: without it WordPress treats the request
	 * as anonymous, which is what a forged link or cross-site form gets.
	 */
	public function test_needs_a_shop_manager(): void {
		$before = $this->state();
		wp_set_current_user( 0 );
		$this->assertRestError( 401, 'flashnode_forbidden', $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );
		wp_set_current_user( $this->create_user( 'subscriber' ) );
		$this->assertRestError( 403, 'flashnode_forbidden', $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );
		$this->assertSame( $before, $this->state() );
	}

	/**
	 * Disconnect revokes the key, deletes the webhooks, and tells the service with a signed notice.
	 */
	public function test_disconnect_revokes_and_notifies_signed(): void {
		$this->answer_outbound( self::http_response( 200, (string) wp_json_encode( array( 'disconnect_url' => self::REMOTE_HOOKS . '/disconnect' ) ) ) );
		$this->assertRestSuccess( 201, $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );
		$handoff = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertTrue( $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) )['service']['notifies_on_disconnect'] );

		$data = $this->assertRestSuccess( 200, $this->call( 'DELETE', '/connection' ) );
		$this->assertTrue( $data['disconnected']['notified'] );
		$this->assertNotContains( $handoff['key_id'], ApiKeys::ids() );
		$this->assertNull( self::key_row( (int) $handoff['key_id'] ) );
		foreach ( $handoff['webhook_ids'] as $id ) {
			$this->assertFalse( (bool) wc_get_webhook( $id ), 'Webhook deleted.' );
		}
		$this->assertCount( 2, $this->outbound );
		$notice = $this->outbound[1];
		$this->assertSame( self::REMOTE_HOOKS . '/disconnect', $notice['url'] );
		$this->assertSame( array( 'site_url', 'key_id', 'reason' ), array_keys( (array) json_decode( (string) $notice['args']['body'], true ) ) );
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
		$this->assertSame( base64_encode( hash_hmac( 'sha256', (string) $notice['args']['body'], (string) $handoff['webhook_secret'], true ) ), $notice['args']['headers']['X-Flashnode-Signature'] );
		$this->assertSame( array(), Connections::all() );
		$this->assertSame( array(), self::service_user_ids() );
		$this->assertSame( array( 'disconnected', 'connected' ), array_column( array_slice( History::entries(), 0, 2 ), 'event' ) );

		$this->assertRestError( 404, 'flashnode_not_connected', $this->call( 'DELETE', '/connection' ) );
	}

	/**
	 * Approving a connected service again replaces its grants (after its 200), keeps its user, and says so first;
	 * a refused re-approval leaves the working connection as it was; after three approvals Disconnect leaves
	 * nothing of the service.
	 */
	public function test_approving_again_replaces_the_grants(): void {
		$handoffs = array();
		for ( $i = 0; $i < 3; $i++ ) {
			$proposal = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection/proposal', $this->link() ) )['proposal'];
			$this->assertSame( 0 === $i ? null : self::MARKER, $proposal['replaces']['service_name'] ?? null, 'The screen says the service is connected already.' );
			$this->answer_outbound( self::http_response( 200 ) );
			$data       = $this->assertRestSuccess( 201, $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );
			$handoffs[] = json_decode( (string) end( $this->outbound )['args']['body'], true );
			$this->assertSame( $i > 0, $data['connected']['replaced'] );
		}
		$this->assertCount( 1, Connections::all() );
		$this->assertSame( array( $handoffs[0]['user_id'] ), array_unique( array_column( $handoffs, 'user_id' ) ), 'One user per service.' );
		foreach ( array( $handoffs[0], $handoffs[1] ) as $old ) {
			$this->assertNull( self::key_row( (int) $old['key_id'] ), 'The earlier key is revoked.' );
			foreach ( $old['webhook_ids'] as $id ) {
				$this->assertFalse( (bool) wc_get_webhook( $id ), 'The earlier webhooks are deleted.' );
			}
		}
		$this->assertNotSame( $handoffs[1]['webhook_secret'], $handoffs[2]['webhook_secret'], 'New webhooks, new secret.' );

		// Refused: the third grants stay, with their scopes; nothing new is left.
		$before = $this->state();
		$this->answer_outbound( self::http_response( 500 ) );
		$this->assertRestError(
			424,
			'flashnode_handoff_failed',
			$this->call(
				'POST',
				'/connection/approve',
				$this->link(
					array(
						'request_id' => $this->request_id(),
						'scopes'     => 'orders:read,products:write',
					)
				)
			)
		);
		$this->assertSame( $before, $this->state() );
		$this->assertNotNull( self::key_row( (int) $handoffs[2]['key_id'] ) );
		$this->assertFalse( user_can( (int) $handoffs[2]['user_id'], 'edit_products' ), 'The refused scopes were taken back.' );
		$this->assertTrue( user_can( (int) $handoffs[2]['user_id'], 'edit_shop_orders' ) );

		$this->assertRestSuccess( 200, $this->call( 'DELETE', '/connection' ) );
		$this->assertSame( 0, count( array_intersect( array_merge( ...array_column( $handoffs, 'webhook_ids' ) ), WebhookRegistry::ids() ) ) );
		foreach ( $handoffs as $handoff ) {
			$this->assertNull( self::key_row( (int) $handoff['key_id'] ) );
		}
		$this->assertSame( array(), self::service_user_ids() );
	}

	/**
	 * Two services at once: each its own user and grants; with two, Disconnect must name one, and ending one
	 * leaves the other.
	 */
	public function test_two_services_each_their_own(): void {
		$this->answer_outbound( self::http_response( 200 ) );
		$this->assertRestSuccess( 201, $this->call( 'POST', '/connection/approve', $this->link( array( 'request_id' => $this->request_id() ) ) ) );
		$first = json_decode( (string) end( $this->outbound )['args']['body'], true );
		$this->assertRestSuccess(
			201,
			$this->call(
				'POST',
				'/connection/approve',
				$this->link(
					array(
						'request_id'     => $this->request_id(),
						'service_name'   => self::MARKER . ' invoicing',
						'callback_url'   => 'https://203.0.113.20/connect',
						'scopes'         => 'orders:read',
						'order_statuses' => 'processing',
					)
				)
			)
		);
		$second = json_decode( (string) end( $this->outbound )['args']['body'], true );
		$this->assertNotSame( $first['user_id'], $second['user_id'] );
		$this->assertSame( 'read', $second['key_permissions'], 'orders:read alone: a read key.' );
		$this->assertSame( array( 'completed' ), Settings::all()['order_statuses'], 'A second service does not change the shop-wide statuses.' );
		$status = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) );
		$this->assertSame( array( '203.0.113.20', '203.0.113.10' ), array_column( $status['connections'], 'service_host' ) );
		$this->assertSame( array( array( 'orders:read' ), array( 'orders:read', 'orders:write', 'products:read' ) ), array_column( $status['connections'], 'scopes' ) );
		$this->assertSame( array( false, false ), array_column( $status['connections'], 'broader_than_needed' ) );
		$this->assertSame( array( $second['key_id'] ), array_column( $status['connections'][0]['keys'], 'key_id' ) );

		$this->assertRestError( 400, 'flashnode_connection_ambiguous', $this->call( 'DELETE', '/connection' ) );
		$this->assertRestSuccess( 200, $this->call( 'DELETE', '/connection', array( 'id' => '203-0-113-20' ) ) );
		$this->assertNull( self::key_row( (int) $second['key_id'] ) );
		$this->assertNotNull( self::key_row( (int) $first['key_id'] ), 'The other service keeps working.' );
		$this->assertSame( array( (int) $first['user_id'] ), self::service_user_ids() );
		$this->assertRestError( 404, 'flashnode_not_connected', $this->call( 'DELETE', '/connection', array( 'id' => '203-0-113-20' ) ) );
		$this->assertRestSuccess( 200, $this->call( 'DELETE', '/connection' ) );
	}

	/**
	 * The services' own users.
	 *
	 * @return int[]
	 */
	private static function service_user_ids(): array {
		return array_map(
			'intval',
			get_users(
				array(
					'role'   => ServiceUser::ROLE,
					'fields' => 'ID',
				)
			)
		);
	}
}
