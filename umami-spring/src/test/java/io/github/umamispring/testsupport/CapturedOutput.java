package io.github.umamispring.testsupport;

/**
 * What a test wrote to {@code System.out} and {@code System.err}, logs included, as
 * captured by {@link OutputCaptureExtension}. Its {@code toString()} is everything.
 */
public interface CapturedOutput extends CharSequence {

	/**
	 * Return what was written to {@code System.out}.
	 * @return the output
	 */
	String getOut();

	/**
	 * Return what was written to {@code System.err}.
	 * @return the error output
	 */
	String getErr();

	@Override
	default int length() {
		return toString().length();
	}

	@Override
	default char charAt(int index) {
		return toString().charAt(index);
	}

	@Override
	default CharSequence subSequence(int start, int end) {
		return toString().subSequence(start, end);
	}

}
