<?php
/**
 * `wp flashnode changes`, run by the real WP-CLI against the local shop's change log.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\Consumers;

/**
 * The command prints the page GET /changes answers and the next cursor, refuses bad options with the route's
 * codes and messages and exit code 2, and is not counted as a consumer's read.
 */
final class CliChangesTest extends FeedTestCase {

	use RunsWpCli;

	/**
	 * Prints the same page as the route and the next cursor, in every format, without counting as a read.
	 */
	public function test_prints_the_routes_page_and_the_next_cursor_without_counting_as_a_read(): void {
		$before     = ChangeLog::head();
		$processing = $this->order( 'processing' )->get_id();
		$completed  = $this->order( 'completed' )->get_id();
		$consumers  = get_option( Consumers::OPTION, null );

		list( $code, $out, $err ) = $this->wp( 'flashnode', 'changes', '--after=' . $before, '--format=json' );
		$this->assertSame( 0, $code, $out . $err );
		$page = $this->json( $out );
		$this->assertSame( array( $processing, $completed ), array_values( array_unique( array_column( $page['changes'], 'order_id' ) ) ) );
		$this->assertFalse( $page['has_more'] );
		$this->assertSame( end( $page['changes'] )['cursor'], $page['next_cursor'] );
		$this->assertSame( $consumers, get_option( Consumers::OPTION, null ), 'No key was presented: lag and last read stay the services\'.' );

		$this->present_key( 'read' );
		$route = $this->assertRestSuccess( 200, $this->feed_call( 'GET', '/changes', array( 'after' => $before ) ) );
		$this->assertSame( $route['changes'], $page['changes'], 'The page the route answers a service.' );

		$first                    = $page['changes'][0];
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'changes', '--after=' . $before, '--limit=1' );
		$this->assertSame( 0, $code, $err );
		$this->assertMatchesRegularExpression( '/^cursor\torder_id\tevent\tstatus\tmodified_gmt$/m', $out );
		$this->assertStringContainsString( sprintf( "%d\t%d\t%s\t%s\t%s\n", $first['cursor'], $processing, $first['event'], (string) $first['status'], (string) $first['modified_gmt'] ), $out );
		$this->assertStringEndsWith( sprintf( "Next cursor: %d (more changes waiting)\n", $first['cursor'] ), $out );

		list( $code, $out, $err ) = $this->wp( 'flashnode', 'changes', '--after=' . $before, '--statuses=completed', '--format=csv' );
		$this->assertSame( 0, $code, $err );
		$lines = explode( "\n", trim( $out ) );
		$this->assertSame( 'cursor,order_id,event,status,modified_gmt', $lines[0] );
		$this->assertSame( array( (string) $completed ), array_values( array_unique( array_column( array_map( 'str_getcsv', array_slice( $lines, 1 ) ), 1 ) ) ), 'Only the completed order.' );
		$this->assertStringContainsString( sprintf( 'Next cursor: %d', $page['next_cursor'] ), $err, 'On stderr: stdout stays CSV.' );

		list( $code, $out ) = $this->wp( 'flashnode', 'changes', '--after=' . $page['next_cursor'] );
		$this->assertSame( 0, $code );
		$this->assertSame( sprintf( "No changes.\nNext cursor: %d\n", $page['next_cursor'] ), $out );
	}

	/**
	 * Without --after or --since the page starts with every existing order (after=0); --since works as the route's.
	 */
	public function test_starts_at_the_beginning_or_at_a_date(): void {
		list( $code, $out ) = $this->wp( 'flashnode', 'changes', '--limit=1', '--format=json' );
		$this->assertSame( 0, $code );
		$this->assertSame( 1, $this->json( $out )['changes'][0]['cursor'] ?? null, 'The log starts at cursor 1.' );

		$order              = $this->order( 'processing' )->get_id();
		list( $code, $out ) = $this->wp( 'flashnode', 'changes', '--since=' . gmdate( 'Y-m-d\TH:i:s\Z', time() - 2 ), '--format=json' );
		$this->assertSame( 0, $code, $out );
		$this->assertContains( $order, array_column( $this->json( $out )['changes'], 'order_id' ) );
	}

	/**
	 * Bad options exit 2 with the route's code and message.
	 */
	public function test_bad_options_exit_2_with_the_routes_code_and_message(): void {
		$this->present_key( 'read' );
		$cases = array(
			'flashnode_feed_bad_limit'       => array(
				array( '--limit=0' ),
				array(
					'after' => '0',
					'limit' => '0',
				),
			),
			'flashnode_feed_bad_cursor'      => array( array( '--after=abc' ), array( 'after' => 'abc' ) ),
			'flashnode_feed_cursor_required' => array(
				array( '--after=0', '--since=2026-01-01' ),
				array(
					'after' => '0',
					'since' => '2026-01-01',
				),
			),
			'flashnode_feed_bad_since'       => array( array( '--since=yesterday' ), array( 'since' => 'yesterday' ) ),
			'flashnode_feed_bad_statuses'    => array(
				array( '--statuses=processing,nope' ),
				array(
					'after'    => '0',
					'statuses' => 'processing,nope',
				),
			),
			'flashnode_feed_cursor_ahead'    => array( array( '--after=' . ( ChangeLog::head() + 1000 ) ), array( 'after' => (string) ( ChangeLog::head() + 1000 ) ) ),
		);
		foreach ( $cases as $expected => list( $options, $query ) ) {
			$route = $this->feed_call( 'GET', '/changes', $query );
			$this->assertRestError( 400, $expected, $route );
			list( $code, $out, $err ) = $this->wp( 'flashnode', 'changes', ...$options );
			$this->assertSame( 2, $code, $expected . ': ' . $out . $err );
			$this->assertStringContainsString( sprintf( 'Error: %s (%s)', $route->as_error()->get_error_message(), $expected ), $err );
		}
		foreach ( array( '--limit=501', '--limit=', '--after=' ) as $option ) {
			$this->assertSame( 2, $this->wp( 'flashnode', 'changes', $option )[0], $option );
		}
		list( $code, , $err ) = $this->wp( 'flashnode', 'changes', '--limit', '--format=json' );
		$this->assertSame( 0, $code, 'WP-CLI drops an option without a value, with a warning.' );
		$this->assertStringContainsString( 'Warning: --limit parameter needs a value', $err );
		list( $code, , $err ) = $this->wp( 'flashnode', 'changes', '--format=xml' );
		$this->assertSame( 2, $code );
		$this->assertStringContainsString( 'Unknown --format "xml": use table, json or csv.', $err );
		$this->assertSame( 1, $this->wp( 'flashnode', 'changes', '--include=orders' )[0], 'Not in the synopsis: WP-CLI itself refuses it.' );
	}
}
