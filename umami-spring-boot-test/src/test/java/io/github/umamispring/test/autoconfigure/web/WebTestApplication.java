package io.github.umamispring.test.autoconfigure.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Application for {@link AutoConfigureUmamiTrackerWebMvcIntegrationTests}.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
class WebTestApplication {

}
