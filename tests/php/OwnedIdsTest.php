<?php
/**
 * The lists of keys and webhooks the plugin created.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Storage\OwnedIds;

/**
 * A change starts from what is stored, not from what this request read earlier.
 */
final class OwnedIdsTest extends TestCase {

	private const OPTION = 'flashnode_connector_test_owned_ids';

	/**
	 * Starts without the option.
	 */
	protected function setUp(): void {
		parent::setUp();
		delete_option( self::OPTION );
	}

	/**
	 * Removes the option.
	 */
	protected function tearDown(): void {
		delete_option( self::OPTION );
		parent::tearDown();
	}

	/**
	 * Adds and removes positive ids, each once, in a list that is not autoloaded.
	 */
	public function test_add_and_remove(): void {
		$ids = new OwnedIds( self::OPTION );
		$this->assertSame( array(), $ids->all() );
		$ids->add( array( 3, 5 ) );
		$ids->add( array( 5, 7, 0, -1 ) );
		$this->assertSame( array( 3, 5, 7 ), $ids->all() );
		$ids->remove( array( 5 ) );
		$this->assertSame( array( 3, 7 ), $ids->all() );
		$this->assertSame( 'off', wp_load_alloptions()[ self::OPTION ] ?? 'off' );
	}

	/**
	 * Another request added an id after this one read the list (it is written to the database behind this
	 * request's cache, as another PHP process would): adding or removing here keeps it.
	 */
	public function test_a_change_keeps_ids_another_request_added(): void {
		global $wpdb;
		$ids = new OwnedIds( self::OPTION );
		$this->assertSame( array(), $ids->all(), 'This request has read "no such option".' );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->insert(
			$wpdb->options,
			array(
				'option_name'  => self::OPTION,
				'option_value' => maybe_serialize( array( 11 ) ),
				'autoload'     => 'off',
			)
		);
		$ids->add( array( 12 ) );
		$this->assertSame( array( 11, 12 ), self::stored() );

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( array( 11, 12, 13 ) ) ), array( 'option_name' => self::OPTION ) );
		$ids->remove( array( 11 ) );
		$this->assertSame( array( 12, 13 ), self::stored() );
		$this->assertSame( array( 12, 13 ), $ids->all() );
	}

	/**
	 * The list as stored in the database.
	 *
	 * @return mixed
	 */
	private static function stored() {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return maybe_unserialize( $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION ) ) );
	}
}
