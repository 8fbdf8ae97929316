<?php
/**
 * Minimal test theme set-up.
 *
 * @package FlashnodeConnector\TestStack
 */

add_action(
	'after_setup_theme',
	static function () {
		add_theme_support( 'title-tag' );
		add_theme_support( 'woocommerce' );
	}
);
