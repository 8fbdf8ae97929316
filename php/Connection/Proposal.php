<?php
/**
 * What a connection would set up: the service, where the hand-off goes, and what it asks for.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Http\OutboundUrl;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\Topics;

defined( 'ABSPATH' ) || exit;

/**
 * Built from the link a service sends the owner to (…&connect=1&service_name=…&callback_url=…&return_url=…) or
 * from a pasted connection address. The link is untrusted: every URL passes OutboundUrl, every topic, status and
 * scope must be one the shop knows, and nothing here acts — Handoff::connect() does, after the owner's click.
 */
final class Proposal {

	/** Longest service name shown on the approval screen. */
	private const MAX_NAME = 100;

	/**
	 * Name shown to the owner.
	 *
	 * @var string
	 */
	public $service_name;

	/**
	 * Where the hand-off is POSTed.
	 *
	 * @var string
	 */
	public $callback_url;

	/**
	 * Where the browser returns after Approve or Deny; null for a pasted address.
	 *
	 * @var string|null
	 */
	public $return_url;

	/**
	 * Where webhooks deliver; null: no webhooks.
	 *
	 * @var string|null
	 */
	public $webhook_url;

	/**
	 * Webhook topics (empty without webhook_url).
	 *
	 * @var string[]
	 */
	public $topics;

	/**
	 * Order statuses that start the transfer.
	 *
	 * @var string[]
	 */
	public $order_statuses;

	/**
	 * How the plugin delivers order changes to webhook_url (Connections::DELIVERY_FORMATS).
	 *
	 * @var string
	 */
	public $delivery_format = Connections::DELIVERY_FORMATS[0];

	/**
	 * What the service's user may do (Scopes).
	 *
	 * @var string[]
	 */
	public $scopes;

	/**
	 * Whether the service asked for its own transfer statuses (the link's order_statuses); otherwise it follows the
	 * shop-wide setting, and its record keeps none of its own.
	 *
	 * @var bool
	 */
	public $asks_statuses = false;

	/**
	 * Use from_link() or pasted().
	 *
	 * @param string      $service_name   Name.
	 * @param string      $callback_url   Hand-off URL.
	 * @param string|null $return_url     Return URL.
	 * @param string|null $webhook_url    Delivery URL.
	 * @param string[]    $topics         Topics.
	 * @param string[]    $order_statuses Statuses.
	 * @param string[]    $scopes         Scopes.
	 */
	private function __construct( string $service_name, string $callback_url, ?string $return_url, ?string $webhook_url, array $topics, array $order_statuses, array $scopes ) {
		$this->service_name   = $service_name;
		$this->callback_url   = $callback_url;
		$this->return_url     = $return_url;
		$this->webhook_url    = $webhook_url;
		$this->topics         = $topics;
		$this->order_statuses = $order_statuses;
		$this->scopes         = $scopes;
	}

	/**
	 * The pasted-address flow: a key only, the current statuses, the host as the service's name.
	 *
	 * @param mixed $callback_url The address as received.
	 * @param mixed $scopes       Comma-separated scopes; null for the default.
	 * @return self|\WP_Error
	 */
	public static function pasted( $callback_url, $scopes = null ) {
		$problem = OutboundUrl::problem( $callback_url );
		if ( null !== $problem ) {
			return $problem;
		}
		$scopes = Scopes::parse( $scopes );
		if ( is_wp_error( $scopes ) ) {
			return $scopes;
		}
		$host = (string) wp_parse_url( (string) $callback_url, PHP_URL_HOST );
		return new self( $host, (string) $callback_url, null, null, array(), Settings::all()['order_statuses'], $scopes );
	}

	/**
	 * "Give <service> its own user": the same connection again, handed to the reconnect_url the service reported,
	 * with the record's scopes (the default for a 0.4 record, which has none), its transfer statuses, and its
	 * webhooks' delivery address and topics (re-created as the new user). Nothing from a link: the owner clicked a
	 * button on the card, and every address was checked when the service reported it; checked again here.
	 *
	 * @param array<string,mixed> $record   Connections record with a reconnect_url.
	 * @param \WC_Webhook[]       $webhooks The record's webhooks that still exist.
	 * @return self|\WP_Error
	 */
	public static function reconnect( array $record, array $webhooks ) {
		$problem = OutboundUrl::problem( $record['reconnect_url'] );
		if ( null !== $problem ) {
			return $problem;
		}
		$webhook_url = null;
		$topics      = array();
		foreach ( $webhooks as $webhook ) {
			// One delivery address per connection (the link's webhook_url); its topics, as far as the shop knows them.
			$webhook_url = $webhook_url ?? (string) $webhook->get_delivery_url();
			if ( $webhook_url === (string) $webhook->get_delivery_url() && in_array( $webhook->get_topic(), Topics::ids(), true ) ) {
				$topics[] = (string) $webhook->get_topic();
			}
		}
		if ( null !== $webhook_url ) {
			$problem = OutboundUrl::problem( $webhook_url );
			if ( null !== $problem ) {
				return self::invalid( 'webhook_url', $problem->get_error_message(), 'flashnode_invalid_url' );
			}
		}
		$statuses = array() === $record['order_statuses'] ? Settings::all()['order_statuses'] : $record['order_statuses'];
		$scopes   = Scopes::parse( null === $record['scopes'] ? null : implode( ',', $record['scopes'] ) );
		if ( is_wp_error( $scopes ) ) {
			return $scopes;
		}
		$proposal                = new self( (string) $record['service_name'], (string) $record['reconnect_url'], null, array() === $topics ? null : $webhook_url, array_values( array_unique( $topics ) ), $statuses, $scopes );
		$proposal->asks_statuses = array() !== $record['order_statuses'];
		// The service keeps the delivery format it has.
		if ( in_array( $record['delivery_format'], Connections::DELIVERY_FORMATS, true ) ) {
			$proposal->delivery_format = $record['delivery_format'];
		}
		return $proposal;
	}

	/**
	 * The approval link's parameters (topics and order_statuses as comma-separated lists), each checked.
	 *
	 * @param array<string,mixed> $params Query or body parameters.
	 * @return self|\WP_Error 400 naming the parameter that cannot be used.
	 */
	public static function from_link( array $params ) {
		$name = isset( $params['service_name'] ) && is_string( $params['service_name'] ) ? trim( sanitize_text_field( $params['service_name'] ) ) : '';
		if ( '' === $name || strlen( $name ) > self::MAX_NAME ) {
			return self::invalid( 'service_name', __( 'The link must name the service (service_name, up to 100 characters).', 'flashnode-connector' ) );
		}
		$urls = array();
		foreach ( array( 'callback_url', 'return_url', 'webhook_url' ) as $field ) {
			$given = $params[ $field ] ?? null;
			if ( 'webhook_url' === $field && ( null === $given || '' === $given ) ) {
				$urls[ $field ] = null;
				continue;
			}
			$problem = OutboundUrl::problem( $given );
			if ( null !== $problem ) {
				return self::invalid( $field, $problem->get_error_message(), 'flashnode_invalid_url' );
			}
			$urls[ $field ] = (string) $given;
		}
		$topics = null === $urls['webhook_url'] ? array() : self::list_of( $params['topics'] ?? null, Topics::ids(), Topics::recommended() );
		if ( null === $topics ) {
			/* translators: %s: comma-separated topic names. */
			return self::invalid( 'topics', sprintf( __( 'The link asks for webhook topics this plugin does not offer. Known topics: %s.', 'flashnode-connector' ), implode( ', ', Topics::ids() ) ) );
		}
		$statuses = self::list_of( $params['order_statuses'] ?? null, array_keys( Settings::order_statuses() ), Settings::all()['order_statuses'] );
		if ( null === $statuses ) {
			/* translators: %s: comma-separated order statuses. */
			return self::invalid( 'order_statuses', sprintf( __( 'The link names order statuses this shop does not have. Known statuses: %s.', 'flashnode-connector' ), implode( ', ', array_keys( Settings::order_statuses() ) ) ) );
		}
		$scopes = Scopes::parse( $params['scopes'] ?? null );
		if ( is_wp_error( $scopes ) ) {
			return $scopes;
		}
		$format = $params['delivery_format'] ?? null;
		if ( null !== $format && '' !== $format && ! in_array( $format, Connections::DELIVERY_FORMATS, true ) ) {
			/* translators: %s: comma-separated format names. */
			return self::invalid( 'delivery_format', sprintf( __( 'The link asks for a delivery format this plugin does not offer. Known formats: %s.', 'flashnode-connector' ), implode( ', ', Connections::DELIVERY_FORMATS ) ) );
		}
		$proposal                = new self( $name, $urls['callback_url'], $urls['return_url'], $urls['webhook_url'], $topics, $statuses, $scopes );
		$proposal->asks_statuses = isset( $params['order_statuses'] ) && '' !== $params['order_statuses'];
		if ( is_string( $format ) && '' !== $format ) {
			$proposal->delivery_format = $format;
		}
		return $proposal;
	}

	/**
	 * Where the browser goes after Approve (success=1) or Deny (success=0).
	 *
	 * @param bool $success Whether the owner approved and the service accepted.
	 */
	public function return_to( bool $success ): string {
		$args = array( 'success' => $success ? '1' : '0' );
		if ( $success ) {
			$args['site_url'] = rawurlencode( home_url() );
		}
		return add_query_arg( $args, (string) $this->return_url );
	}

	/**
	 * What the approval screen shows: names and hosts, never more than the link already said, the scopes in plain
	 * words, and the connection approving would replace.
	 *
	 * @return array<string,mixed>
	 */
	public function describe(): array {
		$host     = (string) wp_parse_url( $this->callback_url, PHP_URL_HOST );
		$existing = Connections::for_host( $host );
		return array(
			'service_name'    => $this->service_name,
			'callback_host'   => $host,
			'return_host'     => (string) wp_parse_url( (string) $this->return_url, PHP_URL_HOST ),
			'webhook_host'    => null === $this->webhook_url ? null : (string) wp_parse_url( $this->webhook_url, PHP_URL_HOST ),
			'topics'          => $this->topics,
			'delivery_format' => null === $this->webhook_url ? null : $this->delivery_format,
			'order_statuses'  => $this->order_statuses,
			'permissions'     => Scopes::key_permissions( $this->scopes ),
			'scopes'          => Scopes::describe( $this->scopes ),
			'never'           => Scopes::never(),
			'replaces'        => null === $existing ? null : array(
				'service_name'     => $existing['service_name'],
				'connected_at_utc' => $existing['connected_at_utc'],
			),
		);
	}

	/**
	 * A comma-separated list whose every item is allowed; the default when none is given; null when invalid.
	 *
	 * @param mixed    $given   The parameter.
	 * @param string[] $allowed Allowed items.
	 * @param string[] $default Used when the parameter is missing or empty.
	 * @return string[]|null
	 */
	private static function list_of( $given, array $allowed, array $default ): ?array {
		if ( null === $given || '' === $given ) {
			return $default;
		}
		if ( ! is_string( $given ) ) {
			return null;
		}
		$items = CommaList::items( $given );
		if ( array() === $items || array() !== array_diff( $items, $allowed ) ) {
			return null;
		}
		return $items;
	}

	/**
	 * A 400 naming the parameter.
	 *
	 * @param string $field   Parameter name.
	 * @param string $message What is wrong.
	 * @param string $code    Error code.
	 */
	private static function invalid( string $field, string $message, string $code = 'flashnode_invalid_connection_link' ): \WP_Error {
		/* translators: 1: parameter name of the connection link, 2: what is wrong with it. */
		return new \WP_Error( $code, sprintf( __( '%1$s: %2$s', 'flashnode-connector' ), $field, $message ), array( 'status' => 400 ) );
	}
}
