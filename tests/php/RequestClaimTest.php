<?php
/**
 * Idempotency of the creating routes.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Http\RequestClaim;

/**
 * One winner per action and request id.
 */
final class RequestClaimTest extends TestCase {

	/**
	 * Claim rows the test may create.
	 *
	 * @var string[]
	 */
	private $rows = array();

	/**
	 * Removes the claim rows.
	 */
	protected function tearDown(): void {
		foreach ( $this->rows as $row ) {
			delete_option( $row );
		}
		parent::tearDown();
	}

	/**
	 * The first claim wins, the second loses; other ids and other actions are independent.
	 */
	public function test_claims_once_per_action_and_id(): void {
		$id    = $this->id();
		$other = $this->id();
		$this->assertTrue( RequestClaim::claim( 'create_key', $id ) );
		$this->assertFalse( RequestClaim::claim( 'create_key', $id ) );
		$this->assertFalse( RequestClaim::claim( 'create_key', $id ) );
		$this->assertTrue( RequestClaim::claim( 'create_key', $other ) );
		$this->assertTrue( RequestClaim::claim( 'connect', $id ) );
		$this->assertFalse( RequestClaim::claim( 'connect', $id ) );
	}

	/**
	 * The claim is an option row, written through the options API, not autoloaded.
	 */
	public function test_claim_row_is_not_autoloaded(): void {
		global $wpdb;
		$id = $this->id();
		RequestClaim::claim( 'create_key', $id );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s", $this->row( 'create_key', $id ) ), ARRAY_A );
		$this->assertNotNull( $row );
		$this->assertEqualsWithDelta( time(), (int) $row['option_value'], 5 );
		// wp_autoload_values_to_autoload() exists from WordPress 6.6; before, only "yes" was autoloaded.
		$autoloaded = function_exists( 'wp_autoload_values_to_autoload' ) ? wp_autoload_values_to_autoload() : array( 'yes' );
		$this->assertNotContains( $row['autoload'], $autoloaded );
	}

	/**
	 * The look-up and the write happen under the claim's named lock: while a racing request (another database
	 * connection) holds it, this one does not act and writes no row; once it is free, the claim is decided again.
	 */
	public function test_a_racing_request_holding_the_lock_wins(): void {
		$id    = $this->id();
		$other = new \wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$lock  = 'flashnode_claim:' . md5( 'create_key|' . $id );
		$this->assertSame( '1', (string) $other->get_var( $other->prepare( 'SELECT GET_LOCK( %s, 0 )', $lock ) ) );
		try {
			$this->assertFalse( RequestClaim::claim( 'create_key', $id ) );
			$this->assertFalse( get_option( $this->row( 'create_key', $id ) ), 'No row written.' );
		} finally {
			$other->query( $other->prepare( 'SELECT RELEASE_LOCK( %s )', $lock ) );
			$other->close();
		}
		$this->assertTrue( RequestClaim::claim( 'create_key', $id ) );
	}

	/**
	 * Claims older than a day are forgotten by the next claim, so the table does not grow for ever.
	 */
	public function test_old_claims_expire(): void {
		global $wpdb;
		$old = $this->id();
		$this->assertTrue( RequestClaim::claim( 'create_key', $old ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->update( $wpdb->options, array( 'option_value' => (string) ( time() - DAY_IN_SECONDS - 60 ) ), array( 'option_name' => $this->row( 'create_key', $old ) ) );

		$this->assertTrue( RequestClaim::claim( 'create_key', $this->id() ) );
		$this->assertTrue( RequestClaim::claim( 'create_key', $old ), 'The expired claim was removed.' );
	}

	/**
	 * The 409 and the argument schema the routes share.
	 */
	public function test_duplicate_error_and_schema(): void {
		$error = RequestClaim::duplicate();
		$this->assertSame( 'flashnode_duplicate_request', $error->get_error_code() );
		$this->assertSame( array( 'status' => 409 ), $error->get_error_data() );

		$schema = RequestClaim::arg_schema();
		$this->assertTrue( $schema['required'] );
		$this->assertTrue( rest_validate_value_from_schema( 'a1B2-c3_D4', $schema, 'request_id' ) );
		foreach ( array( 'short', str_repeat( 'a', 65 ), 'with space x', "line\nbreak1" ) as $bad ) {
			$this->assertInstanceOf( \WP_Error::class, rest_validate_value_from_schema( $bad, $schema, 'request_id' ), $bad );
		}
	}

	/**
	 * A fresh request id whose claim rows are removed after the test.
	 */
	private function id(): string {
		$id = 'phptest-' . wp_generate_password( 20, false );
		foreach ( array( 'create_key', 'connect' ) as $action ) {
			$this->rows[] = $this->row( $action, $id );
		}
		return $id;
	}

	/**
	 * Option name of a claim.
	 *
	 * @param string $action     Action.
	 * @param string $request_id Request id.
	 */
	private function row( string $action, string $request_id ): string {
		return RequestClaim::OPTION_PREFIX . md5( $action . '|' . $request_id );
	}
}
