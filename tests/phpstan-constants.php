<?php
/**
 * Constants PHPStan cannot see being defined (WordPress core and the plugin bootstrap define them at run time).
 *
 * @package Flashnode\Connector
 */

define( 'ABSPATH', '/' );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'HOUR_IN_SECONDS', 3600 );
define( 'DAY_IN_SECONDS', 86400 );
define( 'WEEK_IN_SECONDS', 604800 );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'OBJECT', 'OBJECT' );
define( 'DB_NAME', 'wordpress' );
define( 'FLASHNODE_CONNECTOR_VERSION', '0.0.0' );
define( 'FLASHNODE_CONNECTOR_FILE', __FILE__ );
define( 'FLASHNODE_CONNECTOR_MIN_WC_VERSION', '7.8' );
define( 'WP_PLUGIN_DIR', '/wp-content/plugins' );
