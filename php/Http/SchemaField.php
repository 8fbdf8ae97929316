<?php
/**
 * A field of a REST answer's JSON Schema.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Shared by the admin controllers (Rest\AdminController) and the integrator routes (Integrator\IntegratorController),
 * whose schemas describe answers only: every field is read-only.
 */
trait SchemaField {

	/**
	 * A property of the schema.
	 *
	 * @param string|string[]     $type        JSON type(s).
	 * @param string              $description What it is.
	 * @param array<string,mixed> $more        More keywords (items, properties, enum …).
	 * @return array<string,mixed>
	 */
	protected static function field( $type, string $description, array $more = array() ): array {
		return array(
			'type'        => $type,
			'description' => $description,
			'readonly'    => true,
		) + $more;
	}
}
