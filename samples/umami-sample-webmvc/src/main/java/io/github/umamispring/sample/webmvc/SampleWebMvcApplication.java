package io.github.umamispring.sample.webmvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small coffee shop on Spring MVC that records its pageviews, sign-ups and purchases in
 * Umami.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
@EnableScheduling
public class SampleWebMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleWebMvcApplication.class, args);
	}

}
