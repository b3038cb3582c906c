package io.github.umamispring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation for a test class that replaces the application's
 * {@link io.github.umamispring.UmamiTracker} with a
 * {@link io.github.umamispring.test.RecordingUmamiTracker}: events are recorded, nothing
 * is sent to Umami. Inject the {@code RecordingUmamiTracker} and assert with
 * {@link io.github.umamispring.test.UmamiAssertions}. Works with {@code @SpringBootTest}
 * and with test slices such as {@code @WebMvcTest}, which otherwise have no tracker at
 * all. The recorded events are cleared after each test method. <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureUmamiTracker
 * class SignupTests {
 *
 *     &#64;Autowired
 *     RecordingUmamiTracker tracker;
 *
 *     &#64;Test
 *     void tracksSignup() {
 *         this.signupService.signup("ada", "pro");
 *         assertThat(this.tracker).hasTracked("signup").withData("plan", "pro");
 *     }
 *
 * }
 * </pre>
 *
 * @author umami-spring-boot contributors
 * @see RecordingUmamiTrackerAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureUmamiTracker {

}
