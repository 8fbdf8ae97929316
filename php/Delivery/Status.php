<?php
/**
 * Where each connection's deliveries stand, in one shape for the page, WP-CLI, Site Health and the Abilities.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Feed\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Read-only: nothing here sends or schedules anything.
 */
final class Status {

	/**
	 * Every delivering connection's status.
	 *
	 * @param bool $with_log Whether to include the log of the last attempts.
	 * @return array<int,array<string,mixed>>
	 */
	public static function all( bool $with_log = false ): array {
		$out = array();
		foreach ( Dispatcher::delivering() as $record ) {
			$out[] = self::of( $record, $with_log );
		}
		return $out;
	}

	/**
	 * One connection's status.
	 *
	 * @param array<string,mixed> $record   A delivering connection.
	 * @param bool                $with_log Whether to include the log.
	 * @return array<string,mixed>
	 */
	public static function of( array $record, bool $with_log = false ): array {
		$id     = (string) $record['id'];
		$state  = DeliveryState::get( $id );
		$oldest = Alerts::oldest_undelivered( $state['cursor'] );
		$late   = isset( Alerts::late()[ $id ] );
		$status = array(
			'connection_id'         => $id,
			'service_name'          => (string) $record['service_name'],
			'format'                => (string) $record['delivery_format'],
			'delivery_urls'         => self::urls( $record ),
			'cursor'                => $state['cursor'],
			'undelivered'           => null === $oldest ? 0 : Feed::count_after( $state['cursor'] ),
			'oldest_undelivered_at' => self::time( $oldest ),
			'failures'              => $state['failures'],
			'next_attempt_at'       => $state['failures'] > 0 ? self::time( $state['next_attempt_at'] ) : null,
			'failing_since'         => self::time( $state['failing_since'] ),
			// Still retried: failing only says the receiver has refused for longer than a week.
			'failing'               => null !== $state['failing_since'] && time() - $state['failing_since'] > RetrySchedule::FAILING_AFTER,
			'late'                  => $late,
		);
		if ( $with_log ) {
			$status['log'] = DeliveryState::log( $id );
		}
		return $status;
	}

	/**
	 * The addresses a connection's order webhooks deliver to.
	 *
	 * @param array<string,mixed> $record A connection.
	 * @return string[]
	 */
	private static function urls( array $record ): array {
		$urls = array();
		foreach ( Adoption::webhooks( $record ) as $list ) {
			foreach ( $list as $webhook ) {
				$urls[] = (string) $webhook->get_delivery_url();
			}
		}
		return array_values( array_unique( $urls ) );
	}

	/**
	 * A Unix time as ISO 8601 UTC, null for none.
	 *
	 * @param int|null $time Unix time.
	 */
	private static function time( ?int $time ): ?string {
		return null === $time || $time <= 0 ? null : gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}
