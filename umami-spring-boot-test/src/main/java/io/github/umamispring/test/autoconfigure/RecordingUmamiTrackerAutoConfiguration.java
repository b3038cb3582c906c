package io.github.umamispring.test.autoconfigure;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.test.RecordingUmamiTracker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Auto-configuration imported by {@link AutoConfigureUmamiTracker}: registers a primary
 * {@link RecordingUmamiTracker}. It runs before {@link UmamiAutoConfiguration}, whose
 * tracker therefore backs off; a tracker the application defines itself stays in the
 * context, but everything that injects a {@link UmamiTracker} gets the recording one.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(before = UmamiAutoConfiguration.class)
public final class RecordingUmamiTrackerAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnMissingBean(RecordingUmamiTracker.class)
	RecordingUmamiTracker recordingUmamiTracker() {
		return new RecordingUmamiTracker();
	}

}
