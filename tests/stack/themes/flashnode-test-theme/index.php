<?php
/**
 * The only template: header, the loop (or WooCommerce's content), footer.
 *
 * @package FlashnodeConnector\TestStack
 */

?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<?php wp_body_open(); ?>
<header><h1><a href="<?php echo esc_url( home_url( '/' ) ); ?>"><?php bloginfo( 'name' ); ?></a></h1></header>
<main>
<?php
if ( function_exists( 'is_woocommerce' ) && is_woocommerce() ) {
	woocommerce_content();
} else {
	while ( have_posts() ) {
		the_post();
		the_title( '<h2>', '</h2>' );
		the_content();
	}
}
?>
</main>
<?php wp_footer(); ?>
</body>
</html>
