package io.github.umamispring.boot3;

import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.autoconfigure.UmamiTaskExecutionAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiTrackEventAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiWebAutoConfiguration;
import io.github.umamispring.web.UmamiVisitorCapture;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that hands the visitor of a request to the tasks it gives Spring
 * Boot 3.5's executors and schedulers, as {@link UmamiTaskExecutionAutoConfiguration}
 * does on Boot 4. Boot 3.5 applies a {@code TaskDecorator} bean only when it is the only
 * one, so the visitor's decorator is no bean here: it is composed with the application's
 * decorator (the one Boot 3.5 would apply, if any) on Boot's executor and scheduler
 * builders.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(before = UmamiTaskExecutionAutoConfiguration.class,
		after = { UmamiTrackEventAutoConfiguration.class, UmamiWebAutoConfiguration.class })
@ConditionalOnBean({ TrackEventAdvisor.class, UmamiVisitorCapture.class })
public final class UmamiBoot3TaskExecutionAutoConfiguration {

	@Bean
	static UmamiBoot3TaskDecorators umamiBoot3TaskDecorators(ObjectProvider<TaskDecorator> taskDecorators,
			ObjectProvider<UmamiVisitorCapture> visitorCapture) {
		return new UmamiBoot3TaskDecorators(taskDecorators, visitorCapture);
	}

}
