package io.newsflow.publish.feeds;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the sanitiser (Jazzer), which builds every article body the feeds, the API and the
 * reader page serve. In {@code ./mvnw verify} each target replays its committed corpus
 * ({@code HtmlSanitizerFuzzTestInputs/<target>/} under test resources); {@code benchmarks/fuzz/run <target>} fuzzes
 * longer. A failure is any exception, an input over the {@code @Timeout}, or one that needs more than the fuzz JVM's
 * 512 MB heap or 1 MB stack. Plain Java: no server, no Quarkus.
 */
class HtmlSanitizerFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sanitizedHtml(byte[] input) {
        HtmlSanitizer.sanitize(new String(input, StandardCharsets.UTF_8), "https://news.example/a");
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void paragraphs(byte[] input) {
        HtmlSanitizer.sanitize(HtmlSanitizer.paragraphs(new String(input, StandardCharsets.UTF_8)), null);
    }
}
