<?php
/**
 * Action Scheduler's functions and classes the plugin calls, for PHPStan only (the WooCommerce stubs leave
 * Action Scheduler out; WooCommerce bundles it at run time). Signatures as in Action Scheduler 3.5.
 *
 * @package Flashnode\Connector
 */

// phpcs:disable

/**
 * @param string $hook
 * @param array<mixed> $args
 * @param string $group
 * @param bool $unique
 */
function as_enqueue_async_action( $hook, $args = array(), $group = '', $unique = false ): int {}

/**
 * @param int $timestamp
 * @param string $hook
 * @param array<mixed> $args
 * @param string $group
 * @param bool $unique
 */
function as_schedule_single_action( $timestamp, $hook, $args = array(), $group = '', $unique = false ): int {}

/**
 * @param int $timestamp
 * @param int $interval_in_seconds
 * @param string $hook
 * @param array<mixed> $args
 * @param string $group
 * @param bool $unique
 */
function as_schedule_recurring_action( $timestamp, $interval_in_seconds, $hook, $args = array(), $group = '', $unique = false ): int {}

/**
 * @param string $hook
 * @param array<mixed> $args
 * @param string $group
 */
function as_unschedule_all_actions( $hook, $args = array(), $group = '' ): void {}

/**
 * @param string $hook
 * @param array<mixed>|null $args
 * @param string $group
 */
function as_has_scheduled_action( $hook, $args = null, $group = '' ): bool {}

/**
 * @param array<string,mixed> $args
 * @param string $return_format
 * @return array<int,\ActionScheduler_Action>
 */
function as_get_scheduled_actions( $args = array(), $return_format = OBJECT ): array {}

abstract class ActionScheduler_Store {
	const STATUS_PENDING = 'pending';
	const STATUS_RUNNING = 'in-progress';
}

class ActionScheduler_Action {
	public function get_schedule(): ActionScheduler_Schedule {}
	/** @return array<mixed> */
	public function get_args(): array {}
}

interface ActionScheduler_Schedule {
	/** @return \DateTime|null */
	public function get_date();
}
