<?php
/**
 * Admin routes for the transfer settings.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * GET  flashnode/v1/settings   the settings and the order statuses the shop has
 * POST flashnode/v1/settings   changes some or all of them
 */
final class SettingsController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'settings';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/settings',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'get_settings' ),
				),
				array(
					'methods'  => \WP_REST_Server::EDITABLE,
					'callback' => array( $this, 'update_settings' ),
					'args'     => array(
						'api_mode'                     => array(
							'description' => __( 'legacy: the integration reads orders through the Legacy REST API; rest_v3: through the REST API v3 only.', 'flashnode-connector' ),
							'type'        => 'string',
							'enum'        => array( Settings::API_LEGACY, Settings::API_REST_V3 ),
						),
						'order_statuses'               => array(
							'description' => __( 'Order statuses that start the transfer.', 'flashnode-connector' ),
							'type'        => 'array',
							'items'       => array(
								'type' => 'string',
								'enum' => array_keys( Settings::order_statuses() ),
							),
							'minItems'    => 1,
							'uniqueItems' => true,
						),
						'keep_connection_on_uninstall' => array(
							'description' => __( 'Keep the API keys and webhooks when the plugin is deleted.', 'flashnode-connector' ),
							'type'        => 'boolean',
						),
					),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'settings'       => self::field( 'object', __( 'api_mode, order_statuses and keep_connection_on_uninstall.', 'flashnode-connector' ) ),
			'order_statuses' => self::field( 'array', __( 'The shop\'s order statuses (id, label).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
		);
	}

	/**
	 * The settings, with the statuses to choose from.
	 */
	public function get_settings(): \WP_REST_Response {
		return new \WP_REST_Response( self::payload() );
	}

	/**
	 * Stores the given settings; the readiness report is dropped because the Legacy API check depends on api_mode.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function update_settings( \WP_REST_Request $request ): \WP_REST_Response {
		$changes = array();
		foreach ( array_keys( Settings::defaults() ) as $name ) {
			if ( null !== $request[ $name ] && $request->has_param( $name ) ) {
				$changes[ $name ] = $request[ $name ];
			}
		}
		// The Legacy API check names Settings::OPTION in stale_on(): saving drops the cached report.
		Settings::update( $changes );
		return new \WP_REST_Response( self::payload() );
	}

	/**
	 * What both routes answer.
	 *
	 * @return array<string,mixed>
	 */
	private static function payload(): array {
		$statuses = array();
		foreach ( Settings::order_statuses() as $id => $label ) {
			$statuses[] = array(
				'id'    => $id,
				'label' => $label,
			);
		}
		return array(
			'settings'       => Settings::all(),
			'order_statuses' => $statuses,
		);
	}
}
