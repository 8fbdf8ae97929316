<?php
/**
 * Revokes what a connection was given.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * One place for the three ways grants end: a refused hand-off, approving a service again, and Disconnect.
 */
final class Grants {

	/**
	 * Revokes keys, deletes webhooks and, when given, deletes the service user (ServiceUser::delete() never
	 * deletes any other user).
	 *
	 * @param int[] $key_ids     Keys.
	 * @param int[] $webhook_ids Webhooks.
	 * @param int   $user_id     The service user, or 0 to keep it.
	 */
	public static function revoke( array $key_ids, array $webhook_ids, int $user_id = 0 ): void {
		foreach ( $key_ids as $key_id ) {
			ApiKeys::revoke( (int) $key_id );
		}
		foreach ( $webhook_ids as $id ) {
			$webhook = WebhookRegistry::find( (int) $id );
			if ( null !== $webhook ) {
				WebhookRegistry::delete( $webhook );
			}
		}
		if ( $user_id > 0 ) {
			ServiceUser::delete( $user_id );
		}
	}
}
