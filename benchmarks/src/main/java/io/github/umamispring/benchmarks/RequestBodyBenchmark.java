package io.github.umamispring.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.delivery.BenchmarkRequests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.json.JsonWriter;

/**
 * Cost of writing the JSON bodies the sender thread writes for every event: the tracker's
 * the tracker's request writer next to Spring Boot's general-purpose
 * {@code JsonWriter.standard()} writing the same body from maps (what the factory used
 * before), for one event ({@code /api/send}) and a batch of 100 ({@code /api/batch}).
 * Before measuring, the benchmark checks that both write the same JSON.
 *
 * @author umami-spring-boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class RequestBodyBenchmark {

	private static final JsonWriter<Object> BOOT_JSON = JsonWriter.standard();

	@Param({ "1", "100" })
	public int events;

	private final BenchmarkRequests factory = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);

	private List<UmamiEvent> batch;

	@Setup
	public void setUp() {
		this.batch = new ArrayList<>();
		for (int i = 0; i < this.events; i++) {
			this.batch.add(BenchmarkTrackers.event(i));
		}
		if (!requestFactory().equals(bootJsonWriter())) {
			throw new IllegalStateException("The two writers disagree:\n" + requestFactory() + "\n" + bootJsonWriter());
		}
	}

	@Benchmark
	public String requestFactory() {
		return (this.events == 1) ? this.factory.request(this.batch.get(0)).body()
				: this.factory.batchRequest(this.batch).body();
	}

	@Benchmark
	public String bootJsonWriter() {
		if (this.events == 1) {
			return BOOT_JSON.writeToString(body(this.batch.get(0)));
		}
		List<Object> bodies = new ArrayList<>(this.batch.size());
		this.batch.forEach((event) -> bodies.add(body(event)));
		return BOOT_JSON.writeToString(bodies);
	}

	/**
	 * The body as maps in the factory's field order, for the fields the benchmark's
	 * events have.
	 */
	private static Map<String, Object> body(UmamiEvent event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("website", BenchmarkTrackers.WEBSITE);
		payload.put("hostname", event.getHostname());
		payload.put("language", event.getLanguage());
		payload.put("url", event.getUrl());
		payload.put("name", event.getName());
		payload.put("data", event.getData());
		payload.put("ip", event.getIp());
		payload.put("userAgent", event.getUserAgent());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.getKind().getPayloadType());
		body.put("payload", payload);
		return body;
	}

}
