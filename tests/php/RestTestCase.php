<?php
/**
 * Base class of the tests of the admin REST routes (flashnode/v1): dispatches requests inside the real shop and
 * leaves the shop as it found it (keys, webhooks, users, options, request claims).
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\History;
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Http\RequestClaim;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Requests as a given user, outbound HTTP answers, and clean-up.
 */
abstract class RestTestCase extends TestCase {

	/** Description and name prefix of every key and webhook the tests create, so clean-up finds them. */
	protected const MARKER = 'Flashnode PHP test';

	/** A public address (TEST-NET-3) that passes OutboundUrl; nothing is ever sent there (see answer_outbound()). */
	protected const REMOTE_CALLBACK = 'https://203.0.113.10/connect?code=one-time-code';

	/** Actions RequestClaim is called with by the routes. */
	private const CLAIM_ACTIONS = array( 'create_key', 'connect', 'register_webhooks', 'approve', 'own_user' );

	/** Options the routes write, with their autoload flag. */
	private const OPTIONS = array(
		Settings::OPTION               => true,
		ApiKeys::OPTION                => false,
		WebhookRegistry::OPTION        => false,
		DeliveryLog::DELIVERIES_OPTION => false,
		DeliveryLog::ALERTS_OPTION     => true,
		Connections::OPTION            => false,
		ServiceInfo::LEGACY_OPTION     => false,
		History::OPTION                => false,
		HealthLog::OPTION              => false,
		Readiness::LAST_REPORT_OPTION  => false,
	);

	/**
	 * Option values before the test (null: absent).
	 *
	 * @var array<string,mixed>
	 */
	private $saved_options = array();

	/**
	 * The readiness cache before the test.
	 *
	 * @var mixed
	 */
	private $saved_readiness_cache;

	/**
	 * Highest key, webhook and user id before the test.
	 *
	 * @var array{keys:int,webhooks:int,users:int}
	 */
	private $high_water = array(
		'keys'     => 0,
		'webhooks' => 0,
		'users'    => 0,
	);

	/**
	 * Users created by the test.
	 *
	 * @var int[]
	 */
	private $created_users = array();

	/**
	 * Request ids handed out by request_id().
	 *
	 * @var string[]
	 */
	private $request_ids = array();

	/**
	 * Outbound HTTP requests the plugin made while answer_outbound() was in place.
	 *
	 * @var array<int,array{url:string,args:array<string,mixed>}>
	 */
	protected $outbound = array();

	/**
	 * The pre_http_request callback in place, if any.
	 *
	 * @var callable|null
	 */
	private $outbound_filter;

	/**
	 * Callbacks on woocommerce_settings_tabs_array before the test (see tearDown()).
	 *
	 * @var \WP_Hook|null
	 */
	private $settings_tabs_hook;

	/**
	 * Id of the shop's administrator.
	 *
	 * @var int
	 */
	protected $admin_id = 0;

	/**
	 * Remembers the state the test may change and logs in as the administrator.
	 */
	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		foreach ( array_keys( self::OPTIONS ) as $option ) {
			$this->saved_options[ $option ] = get_option( $option, null );
		}
		$this->saved_readiness_cache = get_transient( Readiness::CACHE_TRANSIENT );
		$hook                        = $GLOBALS['wp_filter']['woocommerce_settings_tabs_array'] ?? null;
		$this->settings_tabs_hook    = $hook instanceof \WP_Hook ? clone $hook : null;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- test bookkeeping on WooCommerce's tables.
		$this->high_water = array(
			'keys'     => (int) $wpdb->get_var( "SELECT MAX(key_id) FROM {$wpdb->prefix}woocommerce_api_keys" ),
			'webhooks' => (int) $wpdb->get_var( "SELECT MAX(webhook_id) FROM {$wpdb->prefix}wc_webhooks" ),
			'users'    => (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->users}" ),
		);
		// phpcs:enable
		$this->admin_id = (int) get_user_by( 'login', 'admin' )->ID;
		wp_set_current_user( $this->admin_id );
	}

	/**
	 * Removes what the test created and restores the options.
	 */
	protected function tearDown(): void {
		global $wpdb;
		if ( null !== $this->outbound_filter ) {
			remove_filter( 'pre_http_request', $this->outbound_filter, 10 );
			$this->outbound_filter = null;
		}
		wp_set_current_user( $this->admin_id );
		// Service users the test's connections made and left (a failing test never reached its Disconnect).
		foreach ( get_users(
			array(
				'role'   => ServiceUser::ROLE,
				'fields' => 'ID',
			)
		) as $user_id ) {
			if ( (int) $user_id > $this->high_water['users'] ) {
				ServiceUser::delete( (int) $user_id );
			}
		}

		$snapshot_keys     = is_array( $this->saved_options[ ApiKeys::OPTION ] ) ? array_map( 'intval', $this->saved_options[ ApiKeys::OPTION ] ) : array();
		$snapshot_webhooks = is_array( $this->saved_options[ WebhookRegistry::OPTION ] ) ? array_map( 'intval', $this->saved_options[ WebhookRegistry::OPTION ] ) : array();
		foreach ( array_unique( array_merge( array_diff( ApiKeys::ids(), $snapshot_keys ), $this->new_rows( 'keys' ) ) ) as $key_id ) {
			$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'key_id' => $key_id ), array( '%d' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		}
		foreach ( array_unique( array_merge( array_diff( WebhookRegistry::ids(), $snapshot_webhooks ), $this->new_rows( 'webhooks' ) ) ) as $webhook_id ) {
			$webhook = wc_get_webhook( $webhook_id );
			if ( $webhook ) {
				$webhook->delete( true );
			}
		}
		if ( array() !== $this->created_users ) {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			foreach ( $this->created_users as $user_id ) {
				wp_delete_user( $user_id );
			}
		}
		foreach ( $this->request_ids as $request_id ) {
			foreach ( self::CLAIM_ACTIONS as $action ) {
				delete_option( RequestClaim::OPTION_PREFIX . md5( $action . '|' . $request_id ) );
			}
		}
		foreach ( self::OPTIONS as $option => $autoload ) {
			$value = $this->saved_options[ $option ];
			if ( null === $value ) {
				delete_option( $option );
			} elseif ( get_option( $option, null ) !== $value ) {
				delete_option( $option );
				add_option( $option, $value, '', $autoload );
			}
		}
		if ( false === $this->saved_readiness_cache ) {
			delete_transient( Readiness::CACHE_TRANSIENT );
		} else {
			set_transient( Readiness::CACHE_TRANSIENT, $this->saved_readiness_cache, 5 * MINUTE_IN_SECONDS );
		}
		// The first REST request of the run builds WooCommerce's REST server, whose settings controllers create
		// every WooCommerce settings page; each adds its tab to this filter, as in wp-admin. Later tests (the
		// settings tab's) expect the filter as a REST-less request has it.
		if ( null === $this->settings_tabs_hook ) {
			unset( $GLOBALS['wp_filter']['woocommerce_settings_tabs_array'] );
		} else {
			$GLOBALS['wp_filter']['woocommerce_settings_tabs_array'] = $this->settings_tabs_hook; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		}
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/**
	 * Dispatches a request to the plugin's admin namespace as the current user.
	 *
	 * @param string              $method HTTP method.
	 * @param string              $route  Route after /flashnode/v1, e.g. '/keys'.
	 * @param array<string,mixed> $params Query (GET) or JSON body (other methods), as the settings page sends them.
	 */
	protected function call( string $method, string $route, array $params = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( $method, '/flashnode/v1' . $route );
		if ( 'GET' === $method ) {
			$request->set_query_params( $params );
		} elseif ( array() !== $params ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $params ) );
		}
		return rest_do_request( $request );
	}

	/**
	 * Asserts a response is the given error.
	 *
	 * @param int               $status   HTTP status.
	 * @param string            $code     Error code.
	 * @param \WP_REST_Response $response Response.
	 * @param string            $message  Failure message.
	 */
	protected function assertRestError( int $status, string $code, \WP_REST_Response $response, string $message = '' ): void {
		$data = (array) $response->get_data();
		$this->assertSame( array( $status, $code ), array( $response->get_status(), $data['code'] ?? null ), $message . ' ' . (string) wp_json_encode( $data ) );
	}

	/**
	 * Asserts a successful response and returns its data.
	 *
	 * @param int               $status   Expected status.
	 * @param \WP_REST_Response $response Response.
	 * @return array<string,mixed>
	 */
	protected function assertRestSuccess( int $status, \WP_REST_Response $response ): array {
		$this->assertSame( $status, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return (array) $response->get_data();
	}

	/**
	 * A fresh request id, as the page generates one per click; its claims are removed after the test.
	 */
	protected function request_id(): string {
		$id                  = 'phptest-' . wp_generate_password( 24, false );
		$this->request_ids[] = $id;
		return $id;
	}

	/**
	 * Creates a user with a role; deleted after the test (WooCommerce then deletes the user's keys too).
	 *
	 * @param string $role WordPress role.
	 */
	protected function create_user( string $role ): int {
		$user_id = wp_insert_user(
			array(
				'user_login' => 'flashnode_php_test_' . strtolower( wp_generate_password( 10, false ) ),
				'user_pass'  => wp_generate_password( 24 ),
				'user_email' => 'flashnode-php-test-' . strtolower( wp_generate_password( 10, false ) ) . '@example.com',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user_id );
		$this->created_users[] = $user_id;
		return $user_id;
	}

	/**
	 * Simulates the remote service's answer at the outbound boundary: every HTTP request the plugin makes gets
	 * $answer (a response array, or a WP_Error) and is recorded in $this->outbound.
	 *
	 * @param array<string,mixed>|\WP_Error $answer What the service answers.
	 */
	protected function answer_outbound( $answer ): void {
		// One simulated service at a time: a later answer replaces the earlier one (which must not outlive the test).
		if ( null !== $this->outbound_filter ) {
			remove_filter( 'pre_http_request', $this->outbound_filter, 10 );
		}
		$this->outbound_filter = function ( $pre, $args, $url ) use ( $answer ) {
			$this->outbound[] = array(
				'url'  => (string) $url,
				'args' => (array) $args,
			);
			return $answer;
		};
		add_filter( 'pre_http_request', $this->outbound_filter, 10, 3 );
	}

	/**
	 * An HTTP response array as WordPress's HTTP API returns it.
	 *
	 * @param int    $code HTTP status.
	 * @param string $body Body.
	 * @return array<string,mixed>
	 */
	protected static function http_response( int $code, string $body = '' ): array {
		return array(
			'headers'  => array(),
			'body'     => $body,
			'response' => array(
				'code'    => $code,
				'message' => get_status_header_desc( $code ),
			),
			'cookies'  => array(),
			'filename' => null,
		);
	}

	/**
	 * Creates one of the plugin's keys through POST /keys.
	 *
	 * @param array<string,mixed> $params More or other parameters than a fresh request id and the marker (null:
	 *                                    leave that one out).
	 * @return array<string,mixed> The key as answered, secrets included.
	 */
	protected function create_key( array $params = array() ): array {
		$params = array_filter(
			$params + array(
				'request_id'  => $this->request_id(),
				'description' => self::MARKER,
			),
			static function ( $value ): bool {
				return null !== $value;
			}
		);
		return $this->assertRestSuccess( 201, $this->call( 'POST', '/keys', $params ) )['key'];
	}

	/**
	 * A key the plugin did not create (WooCommerce's own screen, another plugin); removed after the test.
	 */
	protected function create_foreign_key(): int {
		global $wpdb;
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prefix . 'woocommerce_api_keys',
			array(
				'user_id'         => $this->admin_id,
				'description'     => self::MARKER . ' foreign',
				'permissions'     => 'read',
				'consumer_key'    => wc_api_hash( 'ck_' . wc_rand_hash() ),
				'consumer_secret' => 'cs_' . wc_rand_hash(),
				'truncated_key'   => '1234567',
			)
		);
		return (int) $wpdb->insert_id;
	}

	/**
	 * Registers the plugin's webhooks for a delivery URL through POST /webhooks (the recommended topics unless
	 * $params says otherwise).
	 *
	 * @param string              $url    Delivery URL.
	 * @param array<string,mixed> $params More parameters.
	 * @param int                 $status 201, or 200 when every topic exists already.
	 * @return array<string,mixed> Response data.
	 */
	protected function register_webhooks( string $url, array $params = array(), int $status = 201 ): array {
		$params += array(
			'request_id'   => $this->request_id(),
			'delivery_url' => $url,
			'name'         => self::MARKER,
		);
		return $this->assertRestSuccess( $status, $this->call( 'POST', '/webhooks', $params ) );
	}

	/**
	 * A paused webhook the plugin did not create; removed after the test.
	 *
	 * @param string $url Delivery URL.
	 */
	protected function create_foreign_webhook( string $url ): \WC_Webhook {
		$webhook = new \WC_Webhook();
		$webhook->set_name( self::MARKER . ' foreign' );
		$webhook->set_topic( 'order.created' );
		$webhook->set_delivery_url( $url );
		$webhook->set_status( 'paused' );
		$webhook->save();
		return $webhook;
	}

	/**
	 * A row of WooCommerce's API key table.
	 *
	 * @param int $key_id Key id.
	 * @return array<string,mixed>|null
	 */
	protected static function key_row( int $key_id ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}woocommerce_api_keys WHERE key_id = %d", $key_id ), ARRAY_A );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * A row of WooCommerce's webhook table.
	 *
	 * @param int $webhook_id Webhook id.
	 * @return array<string,mixed>|null
	 */
	protected static function webhook_row( int $webhook_id ): ?array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}wc_webhooks WHERE webhook_id = %d", $webhook_id ), ARRAY_A );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Number of rows in WooCommerce's key or webhook table created since the test started.
	 *
	 * @param string $table 'keys' or 'webhooks'.
	 */
	protected function count_new_rows( string $table ): int {
		return count( $this->new_rows( $table ) );
	}

	/**
	 * Keys created since the test started, whatever their description (a hand-off names its key after the
	 * service, not after the test).
	 */
	protected function count_keys_since_start(): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}woocommerce_api_keys WHERE key_id > %d", $this->high_water['keys'] ) );
	}

	/**
	 * Ids of the key or webhook rows the tests created since the test started (marked with MARKER, so rows
	 * other processes create meanwhile are left alone).
	 *
	 * @param string $table 'keys' or 'webhooks'.
	 * @return int[]
	 */
	private function new_rows( string $table ): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery
		if ( 'keys' === $table ) {
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT key_id FROM {$wpdb->prefix}woocommerce_api_keys WHERE key_id > %d AND description LIKE %s", $this->high_water['keys'], $wpdb->esc_like( self::MARKER ) . '%' ) );
		} else {
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT webhook_id FROM {$wpdb->prefix}wc_webhooks WHERE webhook_id > %d AND name LIKE %s", $this->high_water['webhooks'], $wpdb->esc_like( self::MARKER ) . '%' ) );
		}
		// phpcs:enable
		return array_map( 'intval', (array) $ids );
	}
}
