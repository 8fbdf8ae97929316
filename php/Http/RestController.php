<?php
/**
 * The one base of the plugin's REST controllers.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Built on WordPress's own WP_REST_Controller: a schema per controller, an object with the fields its routes
 * answer (declared once, in answer_properties(), with SchemaField's helpers), and the fields every answer carries.
 * Each namespace adds its own layer: the owner's routes (Rest\AdminController: one permission check, the schema
 * attached to the routes) and the integrators' (Integrator\IntegratorController: key authentication, the schema
 * as the contract).
 */
abstract class RestController extends \WP_REST_Controller {

	use SchemaField;

	/**
	 * The controller's schema, built once.
	 *
	 * @return array<string,mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$schema   = array(
				'$schema'    => 'http://json-schema.org/draft-04/schema#',
				'title'      => 'flashnode-' . $this->rest_base,
				'type'       => 'object',
				'properties' => $this->answer_properties(),
			);
			$required = $this->required_fields();
			if ( array() !== $required ) {
				$schema['required'] = $required;
			}
			$this->schema = $schema;
		}
		return $this->schema;
	}

	/**
	 * The fields of the controller's answers, as JSON Schema properties.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	abstract protected function answer_properties(): array;

	/**
	 * The fields every successful answer carries (none listed: each route answers some of them).
	 *
	 * @return string[]
	 */
	protected function required_fields(): array {
		return array();
	}
}
