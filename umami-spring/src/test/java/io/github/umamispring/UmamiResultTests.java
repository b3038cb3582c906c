package io.github.umamispring;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiResult}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiResultTests {

	@Test
	void outcomesNameEveryResultTypeInOrder() {
		List<UmamiResult> oneOfEach = List.of(new UmamiResult.Accepted(null, null, null),
				new UmamiResult.FilteredAsBot(), new UmamiResult.Rejected(400, "Bad Request"),
				new UmamiResult.Failed(new IllegalStateException("boom")), new UmamiResult.Dropped("full"));
		assertThat(oneOfEach.stream().map(Object::getClass).toList())
			.containsExactly(UmamiResult.class.getPermittedSubclasses());
		assertThat(oneOfEach).extracting(UmamiResult::outcome).isEqualTo(UmamiResult.OUTCOMES);
		assertThat(Arrays.asList(UmamiResult.class.getPermittedSubclasses())).hasSameSizeAs(UmamiResult.OUTCOMES);
	}

	@Test
	void acceptedMasksTheCacheToken() {
		assertThat(new UmamiResult.Accepted("session", "visit", "eyJ.secret.token"))
			.hasToString("Accepted[sessionId=session, visitId=visit, cacheToken=******]");
		assertThat(new UmamiResult.Accepted(null, null, null))
			.hasToString("Accepted[sessionId=null, visitId=null, cacheToken=null]");
	}

}
