package io.newsflow.ingest;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of how a pushed NDJSON batch is read (Jazzer): the body split into lines, each line read
 * as JSON and checked field by field into an article, as {@code POST /articles} does before anything is stored. In
 * {@code ./mvnw verify} it replays its committed corpus ({@code PushedJsonFuzzTestInputs/ndjsonBatch/} under test
 * resources); {@code benchmarks/fuzz/run ndjsonBatch} fuzzes longer. A failure is any exception but the 400 a
 * publisher gets ({@link InvalidInputException}), an input over the {@code @Timeout}, or one that needs more than the
 * fuzz JVM's 512 MB heap or 1 MB stack. Plain Java: no server, no Quarkus (the request's time zone is given, so the
 * configured zones are not needed).
 */
class PushedJsonFuzzTest {

    private static final TimeZones UTC = new TimeZones(ZoneOffset.UTC, null);

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ndjsonBatch(byte[] input) {
        for (String line : new String(input, StandardCharsets.UTF_8).split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                ArticleRequests.toArticle(ArticleRequests.parse(line), "", UTC);
            } catch (InvalidInputException refused) {
                // Answered 400 for that line; the batch goes on.
            }
        }
    }
}
