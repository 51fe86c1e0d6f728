package io.newsflow.publish.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsflow.contract.Problem.FieldError;
import io.newsflow.outbound.SsrfGuard;

/**
 * The registration rules with the real SSRF guard as production runs it (private networks refused); no store is
 * needed to check a registration, so none is given.
 */
class WebhookRegistrationsTest {

    private static final String SECRET = "0123456789abcdef";

    private final WebhookRegistrations registrations = new WebhookRegistrations(null, new SsrfGuard(false));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://169.254.169.254/latest",
            "http://[fd00::1]/hook", "http://100.64.0.1/hook", "http://[::ffff:10.0.0.1]/hook",
            "http://metadata.google.internal/", "ftp://example.org/hook", "file:///etc/passwd"})
    void refusesAReceiverTheOutboundPolicyRefusesAtRegistration(String url) {
        List<FieldError> errors = registrations.check(url, SECRET, Map.of());

        assertEquals(1, errors.size(), url + ": " + errors);
        assertEquals("/url", errors.get(0).field());
    }

    @Test
    void acceptsAPublicReceiverWithAUsableSecretAndKnownFilters() {
        assertEquals(List.of(), registrations.check("http://93.184.215.14/hook", SECRET,
                Map.of("language", "fr", "source", "bladi.net")));
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        List<FieldError> errors = registrations.check("not a url", "short", Map.of("colour", "red"));

        assertEquals(List.of("/url", "/secret", "/filters/colour"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(2).message().contains("language"));
    }

    @Test
    void refusesAnAddressLongerThanEightKilobytesBeforeLookingItUp() {
        List<FieldError> errors = registrations.check("http://93.184.215.14/" + "a".repeat(9000), SECRET, Map.of());

        assertEquals(List.of("/url"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().contains("8192"), errors.get(0).message());
    }
}
