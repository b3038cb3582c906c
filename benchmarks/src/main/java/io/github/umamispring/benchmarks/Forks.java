package io.github.umamispring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a harness in fresh JVMs, one after the other, as JMH forks do, and collects the
 * rates each measured. The JIT compiles each JVM's paths its own way, so the ratio of two
 * contenders moves from one JVM to the next by more than from one round to the next: a
 * figure taken in one JVM is one sample of that spread.
 *
 * @author umami-spring-boot contributors
 */
final class Forks {

	/**
	 * The system property naming the file a forked harness writes its rates to.
	 */
	static final String RATES_FILE = "benchmark.rates-file";

	private Forks() {
	}

	/**
	 * Run the harness in the given number of JVMs, with this JVM's options and class
	 * path, and return what each wrote with {@link #write}.
	 * @param harness the main class
	 * @param args the harness's arguments, for one JVM
	 * @param forks the number of JVMs
	 * @return per JVM, in order: per scenario, the rates of each contender
	 * @throws IOException if a JVM cannot be started or its rates cannot be read
	 * @throws InterruptedException if interrupted while a JVM runs
	 */
	static List<Map<String, Map<String, List<Double>>>> run(Class<?> harness, List<String> args, int forks)
			throws IOException, InterruptedException {
		List<Map<String, Map<String, List<Double>>>> runs = new ArrayList<>();
		for (int fork = 1; fork <= forks; fork++) {
			System.out.printf("%n# Fork %d of %d%n", fork, forks);
			Path rates = Files.createTempFile("umami-benchmark-rates", ".tsv");
			try {
				List<String> command = new ArrayList<>();
				command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
				command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
				command.add("-D" + RATES_FILE + "=" + rates);
				command.add("-cp");
				command.add(System.getProperty("java.class.path"));
				command.add(harness.getName());
				command.addAll(args);
				int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
				if (exit != 0) {
					throw new IllegalStateException("Fork " + fork + " exited with " + exit);
				}
				runs.add(read(rates));
			}
			finally {
				Files.deleteIfExists(rates);
			}
		}
		return runs;
	}

	/**
	 * In a forked JVM, write the rates of a scenario for the JVM that started it.
	 * @param scenario the scenario
	 * @param rates the rates of each contender, per round
	 * @throws IOException if the file cannot be written
	 */
	static void write(String scenario, Map<String, List<Double>> rates) throws IOException {
		String file = System.getProperty(RATES_FILE);
		if (file == null) {
			return;
		}
		StringBuilder lines = new StringBuilder();
		rates.forEach((contender, values) -> values.forEach((
				rate) -> lines.append(scenario).append('\t').append(contender).append('\t').append(rate).append('\n')));
		Files.writeString(Path.of(file), lines, StandardOpenOption.APPEND);
	}

	private static Map<String, Map<String, List<Double>>> read(Path file) throws IOException {
		Map<String, Map<String, List<Double>>> scenarios = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			String[] fields = line.split("\t");
			scenarios.computeIfAbsent(fields[0], (scenario) -> new LinkedHashMap<>())
				.computeIfAbsent(fields[1], (contender) -> new ArrayList<>())
				.add(Double.parseDouble(fields[2]));
		}
		return scenarios;
	}

}
