package io.github.umamispring.sample.webmvc;

/**
 * What a visitor orders.
 *
 * @param product the product id
 * @param quantity how many
 * @author umami-spring-boot contributors
 */
record OrderForm(String product, int quantity) {

}
