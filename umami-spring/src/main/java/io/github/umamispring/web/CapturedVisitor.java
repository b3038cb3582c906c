package io.github.umamispring.web;

import io.github.umamispring.UmamiEventBuilder;
import io.github.umamispring.UmamiVisitor;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What was captured of the request behind an event: its visitor and distinct id, or the
 * reason the request must not be tracked (such as a {@code Sec-GPC: 1} header or an
 * excluded path).
 *
 * @author umami-spring-boot contributors
 */
public final class CapturedVisitor {

	/**
	 * No request: the event is sent with the configured defaults (hostname, User-Agent,
	 * no IP).
	 */
	public static final CapturedVisitor NO_REQUEST = new CapturedVisitor(null, null, null);

	private final @Nullable UmamiVisitor visitor;

	private final @Nullable String distinctId;

	private final @Nullable String notTrackedReason;

	private CapturedVisitor(@Nullable UmamiVisitor visitor, @Nullable String distinctId,
			@Nullable String notTrackedReason) {
		this.visitor = visitor;
		this.distinctId = distinctId;
		this.notTrackedReason = notTrackedReason;
	}

	/**
	 * Return a capture of a tracked request.
	 * @param visitor the visitor
	 * @param distinctId the distinct id, or {@code null}
	 * @return the capture
	 */
	public static CapturedVisitor of(UmamiVisitor visitor, @Nullable String distinctId) {
		Assert.notNull(visitor, "'visitor' must not be null");
		return new CapturedVisitor(visitor, distinctId, null);
	}

	/**
	 * Return a capture of a request that must not be tracked.
	 * @param reason why, for debug logs
	 * @return the capture
	 */
	public static CapturedVisitor notTracked(String reason) {
		Assert.hasText(reason, "'reason' must not be empty");
		return new CapturedVisitor(null, null, reason);
	}

	/**
	 * Return a copy with the given distinct id.
	 * @param distinctId the distinct id, or {@code null}
	 * @return the copy
	 */
	public CapturedVisitor withDistinctId(@Nullable String distinctId) {
		return (this.notTrackedReason != null) ? this
				: new CapturedVisitor(this.visitor, distinctId, this.notTrackedReason);
	}

	/**
	 * Whether events of this request may be tracked.
	 * @return {@code false} when the request opted out or is excluded
	 */
	public boolean isTracked() {
		return this.notTrackedReason == null;
	}

	public @Nullable String getNotTrackedReason() {
		return this.notTrackedReason;
	}

	public @Nullable UmamiVisitor getVisitor() {
		return this.visitor;
	}

	public @Nullable String getDistinctId() {
		return this.distinctId;
	}

	/**
	 * Set the visitor fields and the distinct id of the given event builder.
	 * @param builder the builder
	 * @return the builder
	 */
	public UmamiEventBuilder applyTo(UmamiEventBuilder builder) {
		if (this.visitor != null) {
			builder.visitor(this.visitor);
		}
		if (this.distinctId != null) {
			builder.id(this.distinctId);
		}
		return builder;
	}

	@Override
	public String toString() {
		return (this.notTrackedReason != null) ? "CapturedVisitor[not tracked: " + this.notTrackedReason + "]"
				: "CapturedVisitor[" + this.visitor + ", distinctId=" + this.distinctId + "]";
	}

}
