<?php
/**
 * GET /wp-json/wc-flashnode/v1/changes — the order change feed.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Feed\OrderRepresentation;

defined( 'ABSPATH' ) || exit;

/**
 * Parameters are checked here rather than by the route schema so that each mistake gets its own stable code
 * and a message that says what to send.
 */
final class FeedController extends KeyController {

	/** Page size when none is asked for. */
	private const DEFAULT_LIMIT = 100;

	/**
	 * The route below the namespace.
	 *
	 * @var string
	 */
	protected $rest_base = 'changes';

	/**
	 * {@inheritDoc}
	 */
	protected function method(): string {
		return \WP_REST_Server::READABLE;
	}

	/**
	 * {@inheritDoc}
	 */
	protected function code_prefix(): string {
		return KeyRefusals::FEED;
	}

	/**
	 * A key with read permission whose user may read orders (KeyAuthentication checks both).
	 */
	protected function needs(): string {
		return 'read';
	}

	/**
	 * A page of changes (src/puller/feed-client.ts's FeedPage; src/puller/changes.schema.json is this, exported).
	 *
	 * @return array<string,array<string,mixed>>
	 */
	protected function answer_properties(): array {
		$change = array(
			'cursor'       => self::field( 'integer', 'Position of the change in the log; the next page starts after the last one processed.' ),
			'order_id'     => self::field( 'integer', 'The order that changed.' ),
			'event'        => self::field( 'string', 'What happened to the order.', array( 'enum' => ChangeLog::EVENTS ) ),
			'status'       => self::field( array( 'string', 'null' ), 'The order status after the change, without "wc-"; null for deleted.' ),
			'modified_gmt' => self::field( array( 'string', 'null' ), 'The order\'s date_modified_gmt after the change (UTC, ISO 8601); null for deleted.', array( 'format' => 'date-time' ) ),
			'order'        => self::field( array( 'object', 'null' ), 'With include=orders only: the order as GET /wc/v3/orders/<id> answers it; null when it no longer exists.' ),
		);
		return array(
			'changes'         => self::field(
				'array',
				'The changes after the cursor, oldest first.',
				array(
					'items' => array(
						'type'       => 'object',
						'properties' => $change,
						'required'   => array( 'cursor', 'order_id', 'event', 'status', 'modified_gmt' ),
					),
				)
			),
			'next_cursor'     => self::field( 'integer', 'Where to continue (after=next_cursor) once this page is processed.' ),
			'has_more'        => self::field( 'boolean', 'Whether more changes are ready now.' ),
			'server_time_gmt' => self::field( 'string', 'The shop\'s clock when the page was read (UTC, ISO 8601).', array( 'format' => 'date-time' ) ),
		);
	}

	/**
	 * One page of changes.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function answer( \WP_REST_Request $request ) {
		$params = self::parse( $request->get_query_params() );
		if ( is_wp_error( $params ) ) {
			return $params;
		}
		$after = null === $params['since'] ? $params['after'] : Feed::cursor_before( $params['since'] );
		$tip   = Feed::tip();
		if ( $after > $tip['head'] ) {
			return self::bad(
				'flashnode_feed_cursor_ahead',
				__( 'This cursor is ahead of the change log: the log was reset (the plugin was deleted and installed again). Start again with after=0; acknowledged orders stay marked.', 'flashnode-connector' )
			);
		}
		$page = Feed::page( $after, $params['limit'], $params['statuses'], $tip );
		if ( $params['include_orders'] ) {
			$orders = OrderRepresentation::for_ids( array_column( $page['changes'], 'order_id' ) );
			foreach ( $page['changes'] as $i => $change ) {
				$page['changes'][ $i ]['order'] = $orders[ $change['order_id'] ] ?? null;
			}
		}
		if ( null !== $this->key ) {
			Consumers::read( $this->key, $page['next_cursor'] );
		}
		$page['server_time_gmt'] = gmdate( 'Y-m-d\TH:i:s\Z' );
		return new \WP_REST_Response( $page );
	}

	/**
	 * Checks the query parameters.
	 *
	 * @param array<string,mixed> $query Query parameters.
	 * @return array{after:int,since:?int,limit:int,statuses:string[],include_orders:bool}|\WP_Error
	 */
	private static function parse( array $query ) {
		$after = $query['after'] ?? null;
		$since = $query['since'] ?? null;
		if ( ( null === $after ) === ( null === $since ) ) {
			return self::bad( 'flashnode_feed_cursor_required', __( 'Send exactly one of after=<cursor> (after=0 starts with every existing order) or since=<ISO 8601 date>.', 'flashnode-connector' ) );
		}
		if ( null !== $after && ( ! is_string( $after ) || ! preg_match( '/^(0|[1-9][0-9]{0,18})$/', $after ) ) ) {
			return self::bad( 'flashnode_feed_bad_cursor', __( 'after must be a cursor from a previous answer (next_cursor), or 0 to start with every existing order.', 'flashnode-connector' ) );
		}
		$since_time = null;
		if ( null !== $since ) {
			$since_time = self::since_time( $since );
			if ( false === $since_time ) {
				return self::bad( 'flashnode_feed_bad_since', __( 'since must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z (UTC unless an offset is given).', 'flashnode-connector' ) );
			}
		}
		$limit = $query['limit'] ?? (string) self::DEFAULT_LIMIT;
		if ( ! is_string( $limit ) || ! preg_match( '/^[1-9][0-9]{0,2}$/', $limit ) || (int) $limit > Feed::MAX_LIMIT ) {
			/* translators: %d: largest page size. */
			return self::bad( 'flashnode_feed_bad_limit', sprintf( __( 'limit must be a whole number from 1 to %d.', 'flashnode-connector' ), Feed::MAX_LIMIT ) );
		}
		$statuses = self::statuses( $query['statuses'] ?? null );
		if ( is_wp_error( $statuses ) ) {
			return $statuses;
		}
		$include = $query['include'] ?? '';
		if ( ! in_array( $include, array( '', 'orders' ), true ) ) {
			return self::bad( 'flashnode_feed_bad_include', __( 'include accepts only "orders" (each change then carries the order as GET /wc/v3/orders/<id> answers it).', 'flashnode-connector' ) );
		}
		return array(
			'after'          => null === $after ? 0 : (int) $after,
			'since'          => null === $since_time ? null : (int) $since_time,
			'limit'          => (int) $limit,
			'statuses'       => $statuses,
			'include_orders' => 'orders' === $include,
		);
	}

	/**
	 * The timestamp of an ISO 8601 date (UTC unless it has an offset), or false.
	 *
	 * @param mixed $since Parameter.
	 * @return int|false
	 */
	private static function since_time( $since ) {
		if ( ! is_string( $since ) || ! preg_match( '/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/', $since, $parts ) ) {
			return false;
		}
		// strtotime() rolls impossible dates and times over (2026-02-30 is 2 March, 0000-00-00 is 30 November -0001,
		// 24:30 is half past midnight the next day), so a typo would silently start the feed somewhere else.
		$clock = array( (int) ( $parts[4] ?? 0 ), (int) ( $parts[5] ?? 0 ), (int) ( $parts[6] ?? 0 ) );
		if ( ! checkdate( (int) $parts[2], (int) $parts[3], (int) $parts[1] ) || $clock[0] > 23 || $clock[1] > 59 || $clock[2] > 59 ) {
			return false;
		}
		return strtotime( $since . ( strlen( $since ) > 10 && ! preg_match( '/(Z|[+-]\d{2}:?\d{2})$/', $since ) ? 'Z' : '' ) );
	}

	/**
	 * The statuses filter: a comma-separated list of known statuses, without "wc-".
	 *
	 * @param mixed $raw Parameter.
	 * @return string[]|\WP_Error
	 */
	private static function statuses( $raw ) {
		if ( null === $raw || '' === $raw ) {
			return array();
		}
		$known = array( 'trash', 'checkout-draft' );
		foreach ( array_keys( wc_get_order_statuses() ) as $status ) {
			$known[] = 'wc-' === substr( $status, 0, 3 ) ? substr( $status, 3 ) : $status;
		}
		$asked = is_string( $raw ) ? array_map( 'trim', explode( ',', $raw ) ) : array();
		if ( array() === $asked || count( $asked ) > 50 || array() !== array_diff( $asked, $known ) ) {
			return self::bad(
				'flashnode_feed_bad_statuses',
				/* translators: %s: comma-separated statuses. */
				sprintf( __( 'statuses must be a comma-separated list of order statuses, from: %s.', 'flashnode-connector' ), implode( ', ', array_unique( $known ) ) )
			);
		}
		return array_values( array_unique( $asked ) );
	}

	/**
	 * A 400 with a stable code.
	 *
	 * @param string $code    Code.
	 * @param string $message What to send instead.
	 */
	private static function bad( string $code, string $message ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => 400 ) );
	}
}
