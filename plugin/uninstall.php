<?php
/**
 * Runs when the shop owner deletes the plugin in Plugins > Installed Plugins.
 *
 * Version 0.1.0 stores nothing yet. Options, logs, keys and webhooks added by later versions are removed here.
 *
 * @package Flashnode\Connector
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;
