package io.github.umamispring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps each class to one job, and each module to its own: no main source file of the
 * published modules over 300 lines (the properties class excepted), no auto-configuration
 * over 150, nothing of Spring Boot in the library, and only Boot glue in the
 * autoconfigure modules.
 *
 * @author umami-spring-boot contributors
 */
class SourceLayoutTests {

	private static final int MAX_LINES = 300;

	private static final int MAX_AUTO_CONFIGURATION_LINES = 150;

	@Test
	void noMainSourceFileIsOver300Lines() throws IOException {
		assertThat(mainSources()).isNotEmpty()
			.filteredOn((source) -> !source.getFileName().toString().equals("UmamiProperties.java"))
			.allSatisfy((source) -> assertThat(lines(source)).as(source.toString()).isLessThanOrEqualTo(MAX_LINES));
	}

	@Test
	void noAutoConfigurationIsOver150Lines() throws IOException {
		assertThat(mainSources())
			.filteredOn((source) -> source.getFileName().toString().endsWith("AutoConfiguration.java"))
			.isNotEmpty()
			.allSatisfy((source) -> assertThat(lines(source)).as(source.toString())
				.isLessThanOrEqualTo(MAX_AUTO_CONFIGURATION_LINES));
	}

	@Test
	void libraryMainCodeRefersToNothingOfSpringBoot() throws IOException {
		assertThat(sources(repository().resolve("umami-spring/src/main"))).isNotEmpty()
			.allSatisfy((source) -> assertThat(Files.readString(source)).as(source.toString())
				.doesNotContain("org.springframework.boot"));
	}

	@Test
	void autoconfigureModulesHoldOnlyBootGlue() throws IOException {
		assertThat(sources(repository().resolve("umami-spring-boot-autoconfigure/src/main"))).isNotEmpty()
			.allSatisfy((source) -> assertThat(packageOf(source)).as(source.toString())
				.isIn("io.github.umamispring.autoconfigure", "io.github.umamispring.actuate",
						"io.github.umamispring.docker.compose"));
		assertThat(sources(repository().resolve("umami-spring-boot3-autoconfigure/src/main"))).isNotEmpty()
			.allSatisfy((source) -> assertThat(packageOf(source)).as(source.toString())
				.isEqualTo("io.github.umamispring.boot3"));
	}

	private static String packageOf(Path source) throws IOException {
		try (Stream<String> lines = Files.lines(source)) {
			return lines.filter((line) -> line.startsWith("package "))
				.map((line) -> line.substring("package ".length(), line.indexOf(';')))
				.findFirst()
				.orElse("");
		}
	}

	private static Path repository() {
		return Path.of("..").toAbsolutePath().normalize();
	}

	/**
	 * The main sources of every published module of the repository, found beside this
	 * module (tests run in the module's directory).
	 */
	private static List<Path> mainSources() throws IOException {
		Path repository = repository();
		try (Stream<Path> modules = Files.list(repository)) {
			List<Path> roots = modules.filter((module) -> module.getFileName().toString().startsWith("umami-spring"))
				.map((module) -> module.resolve("src/main"))
				.filter(Files::isDirectory)
				.toList();
			assertThat(roots).as("modules under " + repository).isNotEmpty();
			return roots.stream().flatMap(SourceLayoutTests::sources).toList();
		}
	}

	private static Stream<Path> sources(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".java") || file.toString().endsWith(".kt"))
				.toList()
				.stream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long lines(Path source) throws IOException {
		try (Stream<String> lines = Files.lines(source)) {
			return lines.count();
		}
	}

}
