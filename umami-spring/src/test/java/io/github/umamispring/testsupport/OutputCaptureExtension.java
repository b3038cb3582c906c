package io.github.umamispring.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Captures what a test writes to {@code System.out} and {@code System.err}, logs included
 * (the test log configuration writes to the console), and hands it to a
 * {@link CapturedOutput} parameter: the library's tests run without Spring Boot, and so
 * without its {@code OutputCaptureExtension}. Output of every thread is captured, and
 * still written to the console.
 */
public class OutputCaptureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(OutputCaptureExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		store(context).put(Capture.class, new Capture());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		store(context).remove(Capture.class, Capture.class).release();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CapturedOutput.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return store(extensionContext).get(Capture.class, Capture.class);
	}

	private static ExtensionContext.Store store(ExtensionContext context) {
		return context.getStore(NAMESPACE);
	}

	private static final class Capture implements CapturedOutput {

		private final PrintStream originalOut = System.out;

		private final PrintStream originalErr = System.err;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final ByteArrayOutputStream err = new ByteArrayOutputStream();

		private final ByteArrayOutputStream all = new ByteArrayOutputStream();

		Capture() {
			System.setOut(tee(this.originalOut, this.out));
			System.setErr(tee(this.originalErr, this.err));
		}

		private PrintStream tee(PrintStream original, ByteArrayOutputStream captured) {
			return new PrintStream(new OutputStream() {

				@Override
				public void write(int b) {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					synchronized (Capture.this) {
						captured.write(bytes, offset, length);
						Capture.this.all.write(bytes, offset, length);
					}
					original.write(bytes, offset, length);
				}

			}, true, StandardCharsets.UTF_8);
		}

		void release() {
			System.setOut(this.originalOut);
			System.setErr(this.originalErr);
		}

		@Override
		public synchronized String getOut() {
			return this.out.toString(StandardCharsets.UTF_8);
		}

		@Override
		public synchronized String getErr() {
			return this.err.toString(StandardCharsets.UTF_8);
		}

		@Override
		public synchronized String toString() {
			return this.all.toString(StandardCharsets.UTF_8);
		}

	}

}
