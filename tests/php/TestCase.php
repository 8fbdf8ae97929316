<?php
/**
 * Base class of the PHP tests: runs against the real local shop and fails on any notice the plugin raises.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

/**
 * Every test ends by asserting the plugin raised no PHP notice, warning, deprecation or _doing_it_wrong.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/**
	 * Fails the test when the plugin raised a problem while it ran.
	 */
	protected function assertPostConditions(): void {
		$this->assertSame( array(), ProblemCollector::take(), 'The plugin raised PHP notices or WordPress developer notices.' );
	}

	/**
	 * Runs a callback and returns what it printed.
	 *
	 * @param callable $callback Code that echoes.
	 */
	protected function output_of( callable $callback ): string {
		ob_start();
		$callback();
		return (string) ob_get_clean();
	}
}
