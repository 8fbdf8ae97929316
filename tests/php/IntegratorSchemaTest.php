<?php
/**
 * The integrator routes' schemas are true to their answers, and src/puller/changes.schema.json is the feed's live schema.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Integrator\AckController;
use Flashnode\Connector\Integrator\FeedController;
use Flashnode\Connector\Integrator\HealthController;

/**
 * The file src/puller/changes.schema.json is what tests/unit/feed-contract.test.ts holds src/puller/feed-client.ts's types against,
 * so the TypeScript side needs neither PHP nor a shop. After a change to the feed's schema, write the file anew:
 * FLASHNODE_WRITE_SCHEMA=1 npm run test:php -- --filter IntegratorSchemaTest (then commit it).
 */
final class IntegratorSchemaTest extends FeedTestCase {

	/** The committed export of the feed's schema. */
	private const CHANGES_JSON = __DIR__ . '/../../src/puller/changes.schema.json';

	/**
	 * The committed file equals the live schema.
	 */
	public function test_the_committed_feed_schema_is_the_live_one(): void {
		$live = (string) wp_json_encode( ( new FeedController() )->get_item_schema(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) . "\n";
		if ( getenv( 'FLASHNODE_WRITE_SCHEMA' ) ) {
			file_put_contents( self::CHANGES_JSON, $live ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- the repository's own file.
		}
		$this->assertFileExists( self::CHANGES_JSON );
		$this->assertSame(
			$live,
			file_get_contents( self::CHANGES_JSON ), // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the repository's own file.
			'src/puller/changes.schema.json is not the live schema: write it anew with FLASHNODE_WRITE_SCHEMA=1 (see this class).'
		);
	}

	/**
	 * A page with orders, an acknowledgement and a health diagnosis each validate against their route's schema,
	 * and carry every field the schema declares (no field is declared that the answer lacks).
	 */
	public function test_answers_match_their_schemas(): void {
		$after = ChangeLog::head();
		$order = $this->order();
		$key   = $this->present_key( 'read_write' );
		$page  = $this->assertRestSuccess(
			200,
			$this->feed_call(
				'GET',
				'/changes',
				array(
					'after'   => $after,
					'include' => 'orders',
				)
			)
		);
		$this->assertNotSame( array(), $page['changes'] );
		$this->assertMatchesSchema( ( new FeedController() )->get_item_schema(), $page );
		$this->assertSame( array( 'cursor', 'order_id', 'event', 'status', 'modified_gmt', 'order' ), array_keys( $page['changes'][0] ) );

		$acks = $this->assertRestSuccess( 200, $this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $order->get_id(), PHP_INT_MAX ) ) ) );
		$this->assertMatchesSchema( ( new AckController() )->get_item_schema(), $acks );

		$_SERVER['HTTPS'] = 'on';
		$health           = $this->assertRestSuccess( 200, $this->feed_call( 'GET', '/health' ) );
		unset( $_SERVER['HTTPS'] );
		$this->assertTrue( $health['authenticated'], 'The diagnosis for key ' . $key['key_id'] );
		$this->assertMatchesSchema( ( new HealthController() )->get_item_schema(), $health );
	}

	/**
	 * The answer validates against the schema and has exactly its top-level fields.
	 *
	 * @param array<string,mixed> $schema Schema.
	 * @param array<string,mixed> $answer Answer.
	 */
	private function assertMatchesSchema( array $schema, array $answer ): void {
		$valid = rest_validate_value_from_schema( $answer, $schema, 'answer' );
		$this->assertTrue( true === $valid, $schema['title'] . ': ' . ( is_wp_error( $valid ) ? $valid->get_error_message() : '' ) );
		$this->assertEqualsCanonicalizing( array_keys( $schema['properties'] ), array_keys( $answer ), $schema['title'] );
	}
}
