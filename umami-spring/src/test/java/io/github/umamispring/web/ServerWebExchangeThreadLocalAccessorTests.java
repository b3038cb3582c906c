package io.github.umamispring.web;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerWebExchangeThreadLocalAccessor}.
 */
class ServerWebExchangeThreadLocalAccessorTests {

	@Test
	void restoresTheExchangeUnderTheKeyOfServerWebExchangeContextFilter() {
		assertThat(ServerWebExchangeThreadLocal.KEY)
			.isEqualTo(ServerWebExchangeContextFilter.EXCHANGE_CONTEXT_ATTRIBUTE);
		assertThat(new ServerWebExchangeThreadLocalAccessor().key()).isEqualTo(ServerWebExchangeThreadLocal.KEY);
	}

	@Test
	void isRegisteredTheContextPropagationLibrarysWay() {
		// what the library's registry loads, without any application context
		assertThat(new ContextRegistry().loadThreadLocalAccessors().getThreadLocalAccessors())
			.filteredOn((accessor) -> ServerWebExchangeThreadLocal.KEY.equals(accessor.key()))
			.singleElement()
			.isInstanceOf(ServerWebExchangeThreadLocalAccessor.class);
	}

}
