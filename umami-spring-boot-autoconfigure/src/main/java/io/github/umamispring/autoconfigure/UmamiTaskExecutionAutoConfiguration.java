package io.github.umamispring.autoconfigure;

import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.UmamiVisitorTaskDecorator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that hands the visitor of a request to the tasks it gives Spring
 * Boot's executors and schedulers ({@code @Async} methods, the application task executor,
 * with or without virtual threads), so that the {@code @TrackEvent} methods they run
 * record as that visitor: a {@link UmamiVisitorTaskDecorator} bean, which Spring Boot 4
 * composes with the application's own {@code TaskDecorator} beans.
 * <p>
 * Spring Boot 3.5 applies a {@code TaskDecorator} bean only when it is the only one: a
 * bean of ours would silence the application's. There, the
 * {@code umami-spring-boot3-autoconfigure} artifact composes the decorator with the
 * application's on Boot's builders instead, and this configuration backs off.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = { UmamiTrackEventAutoConfiguration.class, UmamiWebAutoConfiguration.class })
@ConditionalOnBean({ TrackEventAdvisor.class, UmamiVisitorCapture.class })
@ConditionalOnMissingClass("io.github.umamispring.boot3.UmamiBoot3TaskExecutionAutoConfiguration")
public final class UmamiTaskExecutionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiVisitorTaskDecorator umamiVisitorTaskDecorator(ObjectProvider<UmamiVisitorCapture> visitorCapture) {
		return new UmamiVisitorTaskDecorator(
				() -> visitorCapture.getIfAvailable(UmamiVisitorCapture::none).captureCurrentVisitor());
	}

}
