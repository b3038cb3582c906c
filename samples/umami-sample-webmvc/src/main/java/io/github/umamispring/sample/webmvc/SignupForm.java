package io.github.umamispring.sample.webmvc;

/**
 * A visitor signing up.
 *
 * @param email the visitor's email address (never tracked)
 * @param plan the chosen plan
 * @param newsletter whether the visitor wants the newsletter
 * @author umami-spring-boot contributors
 */
record SignupForm(String email, String plan, boolean newsletter) {

}
