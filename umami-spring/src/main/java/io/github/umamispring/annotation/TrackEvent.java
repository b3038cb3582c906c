package io.github.umamispring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Records an Umami custom event each time the annotated method completes successfully, as
 * the visitor of the current HTTP request.
 * <p>
 * When the event is recorded depends on the <em>declared</em> return type of the method:
 * <ul>
 * <li>a plain value (or {@code void}): when the method returns;</li>
 * <li>{@code Mono} (and other single-value reactive types): when it succeeds, with or
 * without a value;</li>
 * <li>{@code Flux} (and other multi-value reactive types): once, when it completes;</li>
 * <li>{@code CompletionStage}: when it completes normally;</li>
 * <li>a Kotlin {@code suspend} function: when the coroutine completes normally (as a
 * {@code Mono}; returning a {@code Flow}, as a {@code Flux}).</li>
 * </ul>
 * A method that throws, or a publisher or stage that ends with an error, records nothing.
 * Recording never changes, delays or fails what the method returns: the event is handed
 * to {@link io.github.umamispring.UmamiTracker#track(io.github.umamispring.UmamiEvent)}
 * and sent in the background.
 * <p>
 * {@link #data()}, {@link #condition()}, {@link #tag()}, {@link #revenue()} and
 * {@link #currency()} are SpEL expressions, parsed once per method and evaluated after
 * the method has completed successfully (so they may refer to the result). Their
 * evaluation context offers, as for {@code @Cacheable}:
 * <table>
 * <caption>Variables of the expressions</caption>
 * <tr>
 * <th>Name</th>
 * <th>Description</th>
 * <th>Example</th>
 * </tr>
 * <tr>
 * <td>{@code #result}</td>
 * <td>the method's result: the returned value, the value of a {@code Mono} ({@code null}
 * when it is empty), of a {@code CompletionStage} or of a {@code suspend} function
 * ({@code null} for {@code Unit}). Not available for a {@code Flux} or a {@code Flow}:
 * referring to it there is an evaluation error</td>
 * <td>{@code #result.plan}</td>
 * </tr>
 * <tr>
 * <td>{@code #root.method}</td>
 * <td>the method invoked</td>
 * <td>{@code #root.method.name}</td>
 * </tr>
 * <tr>
 * <td>{@code #root.methodName}</td>
 * <td>the name of the method</td>
 * <td>{@code #root.methodName}</td>
 * </tr>
 * <tr>
 * <td>{@code #root.args}</td>
 * <td>the arguments of the call</td>
 * <td>{@code #root.args[0]}</td>
 * </tr>
 * <tr>
 * <td>{@code #root.target}</td>
 * <td>the target object</td>
 * <td>{@code #root.target}</td>
 * </tr>
 * <tr>
 * <td>{@code #root.targetClass}</td>
 * <td>the class of the target</td>
 * <td>{@code #root.targetClass}</td>
 * </tr>
 * <tr>
 * <td>{@code #p0}, {@code #a0}, ...</td>
 * <td>an argument by index</td>
 * <td>{@code #p0.amount}</td>
 * </tr>
 * <tr>
 * <td>parameter names</td>
 * <td>an argument by name (the code must be compiled with {@code -parameters}, as Spring
 * Boot's build plugins do)</td>
 * <td>{@code #order.amount}</td>
 * </tr>
 * <tr>
 * <td>{@code @beanName}</td>
 * <td>a bean of the application context</td>
 * <td>{@code @plans.current()}</td>
 * </tr>
 * </table>
 * An expression that fails to evaluate (or whose event breaks one of Umami's limits) is
 * logged once at WARN with the expression and the method, then at DEBUG, and counted; the
 * method's result is never affected.
 * <p>
 * Can be used as a meta-annotation to create composed annotations, such as
 * {@code @TrackEvent("signup") @Retention(RUNTIME) @interface TrackSignup {}}.
 *
 * @author umami-spring-boot contributors
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TrackEvent {

	/**
	 * Alias for {@link #name()}.
	 * @return the event name
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * Name of the event, at most 50 characters. Defaults to the method name.
	 * @return the event name
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * SpEL expression evaluating to a {@code Map} of event data, such as {@code "{plan:
	 * #result.plan, amount: #p0.amount}"}. Evaluated after the method completes
	 * successfully. Empty for no data.
	 * @return the data expression
	 */
	String data() default "";

	/**
	 * SpEL expression that must evaluate to {@code true} for the event to be recorded,
	 * such as {@code "#result.created"}. Evaluated after the method completes
	 * successfully, before {@link #data()}. Empty to always record.
	 * @return the condition expression
	 */
	String condition() default "";

	/**
	 * SpEL expression evaluating to the event's tag, which Umami stores with the event to
	 * compare variants (A/B tests), such as {@code "#variant"}, or
	 * {@code "'spring-sale'"} for a constant: a {@code String}, an enum (its name), a
	 * number or a boolean. Umami takes at most 50 characters, not starting with
	 * {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR: a constant that breaks this
	 * fails at startup, a value of a call that breaks it is left out, the event recorded
	 * without it and counted as adjusted. {@code null} or empty for no tag.
	 * @return the tag expression
	 */
	String tag() default "";

	/**
	 * SpEL expression evaluating to the revenue of the event, which Umami 3 reports per
	 * {@link #currency() currency}, such as {@code "#result.total"}: a
	 * {@code BigDecimal}, another {@code Number} or a {@code String} holding a decimal
	 * number. Sent as the data properties {@code revenue} and {@code currency}, with at
	 * most four decimals (rounded half up). Needs {@link #currency()}, as Umami records
	 * revenue only with its currency. A call whose revenue evaluates to {@code null} is
	 * recorded without revenue; one whose revenue is not above zero (or not below 10^15,
	 * or no number) or whose currency is no ISO 4217 code is recorded without revenue and
	 * currency, counted as adjusted. Empty for no revenue.
	 * @return the revenue expression
	 */
	String revenue() default "";

	/**
	 * SpEL expression evaluating to the currency of the {@link #revenue() revenue}: a
	 * {@link java.util.Currency} or its ISO 4217 code in any case, such as
	 * {@code "#result.currency"} or {@code "'EUR'"}. Sent in upper case. Needed with
	 * {@link #revenue()}, evaluated only when the revenue is not {@code null}.
	 * @return the currency expression
	 */
	String currency() default "";

}
