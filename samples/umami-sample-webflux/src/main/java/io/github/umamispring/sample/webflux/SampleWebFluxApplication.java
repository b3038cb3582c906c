package io.github.umamispring.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small coffee shop on Spring WebFlux that records its pageviews, sign-ups and
 * purchases in Umami.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
@EnableScheduling
public class SampleWebFluxApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleWebFluxApplication.class, args);
	}

}
