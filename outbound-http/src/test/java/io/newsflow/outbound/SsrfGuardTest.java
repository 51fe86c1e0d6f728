package io.newsflow.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real guard on IP literals, which are parsed and never looked up, plus "localhost" from the hosts file and a
 * metadata host name refused before any lookup; no network is used and nothing is faked.
 */
class SsrfGuardTest {

    private final SsrfGuard production = new SsrfGuard(false);
    private final SsrfGuard lab = new SsrfGuard(true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/                    | loopback
            http://127.8.9.10/                   | loopback
            http://localhost:8080/               | loopback
            http://[::1]/                        | loopback
            http://10.1.2.3/                     | private
            http://172.16.0.1/                   | private
            http://172.31.255.254/               | private
            http://192.168.1.1/                  | private
            http://[fc00::1]/                    | private (unique local)
            http://[fd12:3456::1]/               | private (unique local)
            http://169.254.1.1/                  | link-local
            http://[fe80::1]/                    | link-local
            http://100.64.0.1/                   | carrier-grade NAT
            http://100.127.255.254/              | carrier-grade NAT
            http://224.0.0.1/                    | multicast
            http://[ff02::1]/                    | multicast
            http://0.0.0.0/                      | unspecified
            http://[::]/                         | unspecified
            http://255.255.255.255/              | broadcast
            http://[::ffff:127.0.0.1]/           | loopback
            http://[::ffff:10.0.0.1]/            | private
            http://[::ffff:a9fe:101]/            | link-local
            http://[64:ff9b::7f00:1]/            | loopback
            http://[2002:c0a8:101::]/            | private
            """)
    void refusesNonPublicAddresses(String url, String reason) {
        SsrfGuard.BlockedAddressException refused = assertThrows(SsrfGuard.BlockedAddressException.class,
                () -> production.check(URI.create(url)));

        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://METADATA.google.internal./",
            "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/"})
    void refusesCloudMetadataEvenWhenPrivateNetworksAreAllowed(String url) {
        SsrfGuard.BlockedAddressException refused = assertThrows(SsrfGuard.BlockedAddressException.class,
                () -> lab.check(URI.create(url)));

        assertTrue(refused.getMessage().contains("cloud metadata"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://93.184.216.34/feed.xml", "gopher://93.184.216.34/",
            "jar:http://93.184.216.34/x.jar!/", "/relative/feed.xml"})
    void refusesSchemesOtherThanHttp(String url) {
        assertThrows(SsrfGuard.BlockedAddressException.class, () -> production.check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/feed.xml", "HTTPS://93.184.216.34:8443/feed",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/", "http://172.32.0.1/", "http://100.128.0.1/",
            "http://192.169.0.1/"})
    void allowsPublicAddresses(String url) {
        assertDoesNotThrow(() -> production.check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/", "http://10.0.0.1/",
            "http://192.168.1.1/"})
    void allowsPrivateNetworksWhenConfiguredTo(String url) {
        assertDoesNotThrow(() -> lab.check(URI.create(url)));
    }
}
