package io.github.umamispring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpLiterals}.
 */
class IpLiteralsTests {

	@ParameterizedTest
	@ValueSource(strings = { "203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::7", "::1", "::ffff:203.0.113.7",
			"[2001:db8::7]", "fe80::1%eth0", " 203.0.113.7 " })
	void readsAddressLiterals(String literal) {
		assertThat(IpLiterals.parse(literal)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-ip", "unknown", "localhost", "example.com", "256.1.1.1", "1.2.3", "01.2.3.4",
			"1.2.3.4.5", "zz:1", "g::1", "1:2:3:4:5:6:7:8:9", "[203.0.113.7]x", "", " " })
	void refusesWhatIsNotALiteralWithoutLookingItUp(String text) {
		assertThat(IpLiterals.parse(text)).isNull();
	}

	@Test
	void normalizesToTheLiteralUmamiReads() {
		assertThat(IpLiterals.normalize("[2001:db8::7]")).isEqualTo("2001:db8::7");
		assertThat(IpLiterals.normalize("fe80::1%eth0")).isEqualTo("fe80::1");
		assertThat(IpLiterals.normalize(" 203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(IpLiterals.normalize("not-an-ip")).isNull();
		assertThat(IpLiterals.normalize(null)).isNull();
	}

	@Test
	void anonymizesIpv4ToItsSlash24() {
		assertThat(IpLiterals.anonymize("203.0.113.7")).isEqualTo("203.0.113.0");
	}

	@Test
	void anonymizesIpv6ToItsSlash48() {
		assertThat(IpLiterals.anonymize("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3:0:0:0:0:0");
		assertThat(IpLiterals.anonymize("[2001:db8:85a3::1%eth0]")).isEqualTo("2001:db8:85a3:0:0:0:0:0");
	}

	@Test
	void anonymizesIpv4MappedIpv6AsIpv4() {
		assertThat(IpLiterals.anonymize("::ffff:203.0.113.7")).isEqualTo("203.0.113.0");
	}

	@Test
	void doesNotAnonymizeWhatIsNotAnAddress() {
		assertThat(IpLiterals.anonymize("unknown")).isNull();
	}

}
