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
use Flashnode\Connector\Connection\ServiceInfo;
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
			'service'  => get_option( ServiceInfo::OPTION, null ),
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
		$this->assertSame( $before, $this->state() );
		$this->assertSame( 0, $this->count_new_rows( 'keys' ) + $this->count_new_rows( 'webhooks' ) );
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
		$this->assertSame( array( 'site_url', 'consumer_key', 'consumer_secret', 'key_permissions', 'key_id', 'user_id', 'plugin_version', 'webhook_secret', 'webhook_ids', 'topics', 'order_statuses', 'api_mode' ), array_keys( $payload ) );
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
		$this->assertSame( self::MARKER, ServiceInfo::get()['service_name'] ?? null );
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
		$this->assertSame( 0, $this->count_new_rows( 'keys' ) + $this->count_new_rows( 'webhooks' ) );
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
		$this->assertNull( ServiceInfo::get() );
		$this->assertSame( array( 'disconnected', 'connected' ), array_column( array_slice( History::entries(), 0, 2 ), 'event' ) );

		$this->assertRestError( 404, 'flashnode_not_connected', $this->call( 'DELETE', '/connection' ) );
	}
}
