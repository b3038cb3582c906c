package io.github.umamispring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.umamispring.internal.RuntimeEventValues;
import org.jspecify.annotations.Nullable;

/**
 * Sets the fields of a builder that a caller knows only at run time (see
 * {@link RuntimeEventValues}): a tag or revenue Umami would refuse is left out, and the
 * builder records why, to be reported as the event's adjustment.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiRuntimeValues implements RuntimeEventValues.Setter {

	private static final Set<String> TAG = Set.of("tag");

	private static final Set<String> REVENUE = Set.of(UmamiEventRevenue.REVENUE, UmamiEventRevenue.CURRENCY);

	@Override
	public void tag(UmamiEventBuilder builder, @Nullable Object tag) {
		builder.tag = null;
		String text = text(tag);
		UmamiAdjustment leftOut = null;
		if (tag != null && text == null) {
			leftOut = new UmamiAdjustment("tag", "left out: a " + tag.getClass().getName() + ", not a text");
		}
		else if (text != null && text.length() > UmamiEvent.MAX_TAG_LENGTH) {
			leftOut = new UmamiAdjustment("tag",
					"left out: " + UmamiEventLimits.tooLong(text.length(), UmamiEvent.MAX_TAG_LENGTH));
		}
		else if (text != null && UmamiEventRefusals.startsWithFormulaCharacter(text)) {
			leftOut = new UmamiAdjustment("tag",
					"left out: starts with a character Umami refuses there (= + - @, TAB or CR: a spreadsheet"
							+ " formula guard)");
		}
		else if (text != null && !text.isBlank()) {
			builder.tag = text;
		}
		record(builder, TAG, (leftOut != null) ? List.of(leftOut) : List.of());
	}

	@Override
	public void revenue(UmamiEventBuilder builder, @Nullable Object amount, @Nullable Object currency) {
		record(builder, REVENUE, UmamiEventRevenue.runtimeRevenue(builder, amount, currency));
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		boolean text = value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character;
		return (text) ? value.toString() : null;
	}

	/**
	 * Replace what was recorded for some fields of a builder.
	 */
	private static void record(UmamiEventBuilder builder, Set<String> fields, List<UmamiAdjustment> adjustments) {
		List<UmamiAdjustment> recorded = new ArrayList<>(builder.runtimeAdjustments);
		recorded.removeIf((adjustment) -> fields.contains(adjustment.field()));
		recorded.addAll(adjustments);
		builder.runtimeAdjustments = List.copyOf(recorded);
	}

}
