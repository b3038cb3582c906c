package io.github.umamispring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated from {@link UmamiProperties}, and for
 * the tables of {@code docs/configuration.md}, which must list exactly what the metadata
 * has.
 */
class UmamiPropertiesMetadataTests {

	private static final Path CONFIGURATION_DOCUMENTATION = Path.of("..", "docs", "configuration.md");

	private static final String ROW_PREFIX = "| `umami.";

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<Map<String, Object>> properties = umamiProperties();
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("umami.host-url", "umami.website-id", "umami.api-key", "umami.user-agent", "umami.dry-run");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.doesNotStartWith("The ")
			.doesNotStartWith("A "));
	}

	@Test
	void configurationDocumentationListsEveryPropertyWithItsDefaultAndDescription() throws IOException {
		List<String> rows = documentedRows();
		List<String> missing = new ArrayList<>();
		for (Map<String, Object> property : umamiProperties()) {
			String row = documentedRow(property);
			if (!rows.contains(row)) {
				missing.add(row);
			}
		}
		assertThat(missing).as("rows of %s to add or update", CONFIGURATION_DOCUMENTATION).isEmpty();
	}

	@Test
	void configurationDocumentationListsOnlyPropertiesOfTheMetadata() throws IOException {
		List<Object> names = umamiProperties().stream().map((property) -> property.get("name")).toList();
		List<String> documentedNames = documentedRows().stream()
			.map((row) -> row.substring(ROW_PREFIX.indexOf('`') + 1, row.indexOf('`', ROW_PREFIX.length())))
			.toList();
		assertThat(documentedNames).as("properties of %s", CONFIGURATION_DOCUMENTATION)
			.isNotEmpty()
			.doesNotHaveDuplicates();
		assertThat(documentedNames).filteredOn((name) -> !names.contains(name))
			.as("properties of %s that the metadata does not have", CONFIGURATION_DOCUMENTATION)
			.isEmpty();
	}

	static List<String> documentedRows() throws IOException {
		return Files.readAllLines(CONFIGURATION_DOCUMENTATION, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith(ROW_PREFIX))
			.toList();
	}

	static String documentedRow(Map<String, Object> property) {
		Object defaultValue = property.get("defaultValue");
		String shownDefault = (defaultValue != null) ? "`" + defaultValue + "`" : "";
		String description = ((String) property.get("description")).replace("\n", " ").replace("|", "\\|");
		return "| `" + property.get("name") + "` | " + shownDefault + " | " + description + " |";
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> umamiProperties() throws IOException {
		ClassPathResource resource = new ClassPathResource("META-INF/spring-configuration-metadata.json");
		try (InputStream in = resource.getInputStream()) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
			return ((List<Map<String, Object>>) metadata.get("properties")).stream()
				.filter((property) -> ((String) property.get("name")).startsWith("umami."))
				.toList();
		}
	}

}
