<?php
/**
 * A readiness check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * Looks at one thing an order integration depends on and says whether it is in order. Everything about a check
 * is defined here, once: the page, the health endpoint and the cache take it from the check.
 */
interface Check {

	/**
	 * Stable id, used in the REST API, the cache and the health payload.
	 */
	public function id(): string;

	/**
	 * Title in the owner's words, shown above the result.
	 */
	public function title(): string;

	/**
	 * Options whose change makes a cached result of this check stale (plugin activations always do).
	 *
	 * @return string[]
	 */
	public function stale_on(): array;

	/**
	 * Runs the check now.
	 *
	 * @param LoopbackProbe $probe The shop as seen from outside, probed once per run and shared by the checks.
	 */
	public function run( LoopbackProbe $probe ): CheckResult;
}
