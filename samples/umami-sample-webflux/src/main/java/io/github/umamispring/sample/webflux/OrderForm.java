package io.github.umamispring.sample.webflux;

/**
 * What a visitor orders.
 *
 * @param product the product id
 * @param quantity how many
 * @author umami-spring-boot contributors
 */
record OrderForm(String product, int quantity) {

}
