package io.github.umamispring.boot3;

import java.util.List;

import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.UmamiVisitorTaskDecorator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * Sets on Spring Boot 3.5's executor and scheduler builders the application's
 * {@link TaskDecorator} (the bean Boot 3.5 applies: the only one, or the primary one)
 * composed with a {@link UmamiVisitorTaskDecorator}, so that neither replaces the other.
 * Executors built with these builders by the application get it too.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiBoot3TaskDecorators implements BeanPostProcessor {

	private final ObjectProvider<TaskDecorator> taskDecorators;

	private final UmamiVisitorTaskDecorator visitorTaskDecorator;

	UmamiBoot3TaskDecorators(ObjectProvider<TaskDecorator> taskDecorators,
			ObjectProvider<UmamiVisitorCapture> visitorCapture) {
		this.taskDecorators = taskDecorators;
		this.visitorTaskDecorator = new UmamiVisitorTaskDecorator(
				() -> visitorCapture.getIfAvailable(UmamiVisitorCapture::none).captureCurrentVisitor());
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutorBuilder builder) {
			return builder.taskDecorator(taskDecorator());
		}
		if (bean instanceof SimpleAsyncTaskExecutorBuilder builder) {
			return builder.taskDecorator(taskDecorator());
		}
		if (bean instanceof ThreadPoolTaskSchedulerBuilder builder) {
			return builder.taskDecorator(taskDecorator());
		}
		if (bean instanceof SimpleAsyncTaskSchedulerBuilder builder) {
			return builder.taskDecorator(taskDecorator());
		}
		return bean;
	}

	private TaskDecorator taskDecorator() {
		TaskDecorator application = this.taskDecorators.getIfUnique();
		return (application != null) ? new CompositeTaskDecorator(List.of(application, this.visitorTaskDecorator))
				: this.visitorTaskDecorator;
	}

}
