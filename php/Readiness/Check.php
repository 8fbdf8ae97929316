<?php
/**
 * A readiness check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * Looks at one thing an order integration depends on and says whether it is in order.
 */
interface Check {

	/**
	 * Stable id, used in the REST API, the cache and the health payload.
	 */
	public function id(): string;

	/**
	 * Runs the check now.
	 *
	 * @param LoopbackProbe $probe The shop as seen from outside, probed once per run and shared by the checks.
	 */
	public function run( LoopbackProbe $probe ): CheckResult;
}
