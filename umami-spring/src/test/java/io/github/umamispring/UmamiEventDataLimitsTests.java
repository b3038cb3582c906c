package io.github.umamispring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiEventDataLimits}: event data is fitted into what Umami's database
 * stores, never refused.
 */
class UmamiEventDataLimitsTests {

	@Test
	void cutsStringOverFiveHundredCharactersWithAMarker() {
		UmamiEvent event = UmamiEvent.event("view").data("item", "y".repeat(600)).build();
		assertThat((String) event.getData().get("item")).hasSize(500).startsWith("yyy").endsWith("y\u2026");
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("data", "'item' cut: 600 characters long, over Umami's limit of 500"));
		assertThat(UmamiEvent.event("e").data("s", "y".repeat(500)).build().getAdjustments()).isEmpty();
	}

	@Test
	void neverSplitsACharacterOutsideTheBasicPlane() {
		String value = "y".repeat(498) + "\uD83D\uDE00".repeat(10);
		String cut = (String) UmamiEvent.event("e").data("s", value).build().getData().get("s");
		assertThat(cut).hasSize(499).isEqualTo("y".repeat(498) + "\u2026");
	}

	@Test
	void cutsNestedStringsNamingThemByTheirFlattenedKey() {
		UmamiEvent event = UmamiEvent.event("e").data("user", Map.of("bio", "y".repeat(501))).build();
		assertThat(event.getData().get("user")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.extractingByKey("bio")
			.asString()
			.hasSize(500);
		assertThat(event.getAdjustments()).singleElement()
			.extracting(UmamiAdjustment::description)
			.asString()
			.startsWith("'user.bio' cut");
	}

	@Test
	void sendsListWhoseJsonIsTooLongAsItsJsonCut() {
		UmamiEvent event = UmamiEvent.event("e").data("tags", List.of("a".repeat(300), "b".repeat(300))).build();
		assertThat((String) event.getData().get("tags")).hasSize(500).startsWith("[\"aaa").endsWith("\u2026");
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("data");
	}

	@Test
	void leavesOutPropertiesPastTheFiftieth() {
		Map<String, Object> data = new LinkedHashMap<>();
		for (int i = 0; i < 60; i++) {
			data.put("k" + i, i);
		}
		UmamiEvent event = UmamiEvent.event("e").data(data).build();
		assertThat(event.getData()).hasSize(50).containsKeys("k0", "k49").doesNotContainKey("k50");
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("data", "10 properties past the 50th left out; Umami stores at most 50"));
	}

	@Test
	void countsNestedPropertiesTheWayUmamiFlattensThem() {
		Map<String, Object> nested = new LinkedHashMap<>();
		for (int i = 0; i < 26; i++) {
			nested.put("k" + i, i);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("a", nested);
		data.put("b", nested);
		data.put("empty", Map.of());
		data.put("c", nested);
		Map<String, Object> fitted = UmamiEvent.event("e").data(data).build().getData();
		assertThat(fitted).containsOnlyKeys("a", "b", "empty");
		assertThat((Map<?, ?>) fitted.get("a")).hasSize(26);
		assertThat((Map<?, ?>) fitted.get("b")).hasSize(24);
	}

	@Test
	void sendsNumbersUmamisColumnCannotHoldAsStrings() {
		UmamiEvent event = UmamiEvent.event("e")
			.data("big", new BigInteger("100000000000000000000"))
			.data("double", 1e20)
			.data("nan", Double.NaN)
			.data("fits", 999_999_999_999_999L)
			.build();
		assertThat(event.getData()).containsEntry("big", "100000000000000000000")
			.containsEntry("double", "1.0E20")
			.containsEntry("nan", "NaN")
			.containsEntry("fits", 999_999_999_999_999L);
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::description)
			.containsExactly("'big' sent as a string: Umami stores numbers as decimal(19,4), below 10^15",
					"'double' sent as a string: Umami stores numbers as decimal(19,4), below 10^15",
					"'nan' sent as a string: JSON has no NaN");
	}

	@Test
	void sendsNumbersJsonCannotCarryInListsAsStrings() {
		UmamiEvent event = UmamiEvent.event("e").data("values", Arrays.asList(1, Double.POSITIVE_INFINITY)).build();
		assertThat(event.getData()).containsEntry("values", List.of(1, "Infinity"));
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("data");
		assertThat(UmamiEvent.event("e").data("values", List.of(new BigDecimal("1e30"))).build().getAdjustments())
			.isEmpty();
	}

	@Test
	void leavesOutPropertyWhoseKeyIsTooLong() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("k".repeat(501), "v");
		data.put("kept", "v");
		UmamiEvent event = UmamiEvent.event("e").data(data).build();
		assertThat(event.getData()).containsOnlyKeys("kept");
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("data");
	}

	@Test
	void sendsNullKeyAsTheStringNull() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put(null, "v");
		assertThat(UmamiEvent.event("e").data(data).build().getData()).containsEntry("null", "v");
	}

	@Test
	void keepsDataThatFitsAsItIs() {
		Map<String, Object> data = Map.of("plan", "pro", "seats", 5, "tags", List.of("a"));
		UmamiEvent event = UmamiEvent.event("e").data(data).build();
		assertThat(event.getData()).isEqualTo(data);
		assertThat(event.getAdjustments()).isEmpty();
	}

}
