package io.newsflow.extraction;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.FeedParser;
import io.newsflow.extraction.feeds.Opml;

/**
 * Coverage-guided fuzzing of every reader of outside input in the extraction engine (Jazzer). In {@code ./mvnw
 * verify} each target replays its committed corpus, {@code ExtractionFuzzTestInputs/<target>/} under test
 * resources: pages, texts, dates, feeds and OPML that once were slow, explosive or crashing, and ordinary ones.
 * {@code benchmarks/fuzz/run <target>} fuzzes one for longer and adds what it finds there.
 *
 * <p>What fails a target: any exception other than the reader's documented refusal, an input slower than the
 * {@code @Timeout} (the time bound of one input: real pages take milliseconds), and an input that needs more than the
 * fuzz JVM's 512 MB heap or 1 MB stack (OutOfMemoryError, StackOverflowError). Nothing here is a server.
 */
class ExtractionFuzzTest {

    private static final String PAGE_URL = "https://news.example/2024/01/article.html";

    private final HtmlArticleExtractor html = new HtmlArticleExtractor();
    private final PlainTextArticleParser text = new PlainTextArticleParser();
    private final HumanDateParser dates = new HumanDateParser();
    private final FeedParser feeds = new FeedParser();

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void htmlPage(byte[] input) {
        html.extract(Charsets.text(input, "text/html"), PAGE_URL, ZoneOffset.UTC);
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void plainText(byte[] input) {
        try {
            text.parse(new String(input, StandardCharsets.UTF_8), ZoneOffset.UTC);
        } catch (IllegalArgumentException refused) {
            // No title or no body: the documented refusal, answered 400 by a push.
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void humanDate(byte[] input) {
        String date = new String(input, StandardCharsets.UTF_8);
        dates.parse(date).ifPresent(parsed -> parsed.toOffsetDateTime(ZoneOffset.UTC));
        dates.monthLanguage(date);
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void feed(byte[] input) {
        try {
            feeds.parse(input, null, null, URI.create("https://news.example/feed"));
        } catch (FeedException refused) {
            // Not a feed, or a forbidden one (DTD, entities): the refusal a poller reports.
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void opml(byte[] input) {
        try {
            Opml.read(input);
        } catch (FeedException refused) {
            // Not well-formed OPML, or one declaring a DTD: answered 400 by the import.
        }
    }
}
