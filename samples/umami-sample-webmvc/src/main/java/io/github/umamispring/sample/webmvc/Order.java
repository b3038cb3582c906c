package io.github.umamispring.sample.webmvc;

import java.math.BigDecimal;

/**
 * A placed order.
 *
 * @param product the product id
 * @param quantity how many
 * @param total the total in euros
 * @author umami-spring-boot contributors
 */
record Order(String product, int quantity, BigDecimal total) {

}
