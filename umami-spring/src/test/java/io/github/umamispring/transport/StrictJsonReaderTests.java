package io.github.umamispring.transport;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StrictJsonReader}.
 */
class StrictJsonReaderTests {

	@Test
	void readsEveryKindOfValue() {
		Object value = StrictJsonReader.read(
				" {\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-1.5e2,\"t\":true,\"f\":false,\"z\":null,\"l\":[1,{}],\"o\":{\"k\":[]}} ");
		assertThat(value).isInstanceOfSatisfying(Map.class, (map) -> {
			assertThat(map.get("s")).isEqualTo("a\"bé\n");
			assertThat(map.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
			assertThat(map.get("t")).isEqualTo(true);
			assertThat(map.get("f")).isEqualTo(false);
			assertThat(map.containsKey("z")).isTrue();
			assertThat(map.get("z")).isNull();
			assertThat(map.get("l")).isEqualTo(Arrays.asList(new BigDecimal(1), Map.of()));
			assertThat(map.get("o")).isEqualTo(Map.of("k", List.of()));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"cache\":", "{\"cache\": ", "{\"a\":1,}", "[1,2", "{\"a\" 1}", "tru", "1 2",
			"\"unterminated", "{a:1}", "\"\\x\"", "-", "OK", "\"tab\tin a string\"", "\"ends after an escape\\n" })
	void refusesWhatIsNotExactlyOneJsonValue(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader.read(text));
	}

	@Test
	void readsStringsWithAndWithoutEscapes() {
		String token = "eyJhbGciOiJIUzI1NiJ9.eyJ3ZWJzaXRlSWQiOiJ4In0.c2ln";
		assertThat(StrictJsonReader.read("{\"cache\":\"" + token + "\"}")).isEqualTo(Map.of("cache", token));
		assertThat(StrictJsonReader.read("\"\"")).isEqualTo("");
		assertThat(StrictJsonReader.read("\"plain then \\\"quoted\\\" and plain\""))
			.isEqualTo("plain then \"quoted\" and plain");
	}

	@Test
	void readsNestingUpToTheLimit() {
		String nested = "[".repeat(StrictJsonReader.MAX_DEPTH) + "]".repeat(StrictJsonReader.MAX_DEPTH);
		assertThat(StrictJsonReader.read(nested)).isInstanceOf(List.class);
	}

	@Test
	void refusesDeeperNestingInsteadOfOverflowingTheStack() {
		int depth = 100_000;
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader.read("[".repeat(depth)))
			.withMessageContaining("at most " + StrictJsonReader.MAX_DEPTH + " nested");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StrictJsonReader.read("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader
			.read("[".repeat(StrictJsonReader.MAX_DEPTH + 1) + "]".repeat(StrictJsonReader.MAX_DEPTH + 1)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\\u+fff\"", "\"\\u-fff\"", "\"\\u12\"", "\"\\u\u0663\u0663\u0663\u0663\"" })
	void refusesUnicodeEscapesThatAreNotFourHexDigits(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader.read(text));
	}

	@Test
	void refusesNumbersTooLargeToConvertQuickly() {
		assertThat(StrictJsonReader.read("1e1000")).isEqualTo(new BigDecimal("1e1000"));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader.read("1e999999999"));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictJsonReader.read("9".repeat(1_000_000)));
	}

}
