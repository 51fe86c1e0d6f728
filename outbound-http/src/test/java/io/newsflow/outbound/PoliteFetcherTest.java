package io.newsflow.outbound;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The real fetcher and JDK HTTP client against a real HTTP server on 127.0.0.1 that serves fixture responses; only
 * the clock of the backoff test is faked. Nothing leaves the machine: redirects to other addresses are refused
 * before any connection, which is what those tests check.
 */
class PoliteFetcherTest {

    private static final String HOST = "127.0.0.1";

    private HttpServer server;
    private ExecutorService serverThreads;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, Headers> lastRequestHeaders = new ConcurrentHashMap<>();
    /** Released after each test, so handlers that hang on purpose end. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
        // Enough threads that the server never limits concurrency itself.
        serverThreads = Executors.newFixedThreadPool(10);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void sendsItsUserAgentAndAsksForCompression() throws Exception {
        serve("/feed", exchange -> respond(exchange, 200, "application/rss+xml", "<rss/>".getBytes()));

        FetchResult result = new PoliteFetcher(settings()).fetch(url("/feed"), null);

        assertEquals(200, result.status());
        assertEquals("application/rss+xml", result.contentType());
        Headers sent = lastRequestHeaders.get("/feed");
        assertEquals("NewsflowTest/1.0 (+https://github.com/newsflow)", sent.getFirst("User-Agent"));
        assertTrue(sent.getFirst("Accept-Encoding").contains("gzip"), sent.getFirst("Accept-Encoding"));
    }

    @Test
    void getsNotModifiedWhenTheValidatorsStillMatch() throws Exception {
        serve("/feed", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.getResponseHeaders().set("Last-Modified", "Wed, 18 Jan 2023 14:20:00 GMT");
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
            } else {
                respond(exchange, 200, "application/rss+xml", "<rss version=\"2.0\"/>".getBytes());
            }
        });
        PoliteFetcher fetcher = new PoliteFetcher(settings());

        FetchResult first = fetcher.fetch(url("/feed"), null);
        FetchResult second = fetcher.fetch(url("/feed"), first.validators());

        assertFalse(first.notModified());
        assertEquals("\"v1\"", first.etag());
        Headers conditional = lastRequestHeaders.get("/feed");
        assertEquals("\"v1\"", conditional.getFirst("If-None-Match"));
        assertEquals("Wed, 18 Jan 2023 14:20:00 GMT", conditional.getFirst("If-Modified-Since"));
        assertEquals(304, second.status());
        assertTrue(second.notModified());
        assertEquals(0, second.body().length);
        assertEquals(first.validators(), second.validators());
    }

    @Test
    void decompressesAGzipBody() throws Exception {
        byte[] feed = "<rss version=\"2.0\"><channel><title>Gzipped</title></channel></rss>".getBytes();
        serve("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(exchange, 200, "application/rss+xml", gzip(feed));
        });

        FetchResult result = new PoliteFetcher(settings()).fetch(url("/feed"), null);

        assertArrayEquals(feed, result.body());
    }

    @Test
    void decompressesADeflateBody() throws Exception {
        byte[] feed = "<rss version=\"2.0\"><channel><title>Deflated</title></channel></rss>".getBytes();
        serve("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "deflate");
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
                out.write(feed);
            }
            respond(exchange, 200, "application/rss+xml", zlib.toByteArray());
        });

        FetchResult result = new PoliteFetcher(settings()).fetch(url("/feed"), null);

        assertArrayEquals(feed, result.body());
    }

    @Test
    void followsARedirectChainWithinTheLimit() throws Exception {
        serve("/moved/1", exchange -> redirect(exchange, 301, "/moved/2"));
        serve("/moved/2", exchange -> redirect(exchange, 302, "3"));
        serve("/moved/3", exchange -> redirect(exchange, 308, url("/feed").toString()));
        serve("/feed", exchange -> respond(exchange, 200, "application/atom+xml", "<feed/>".getBytes()));

        FetchResult result = new PoliteFetcher(settings()).fetch(url("/moved/1"), null);

        assertEquals(200, result.status());
        assertEquals(url("/feed"), result.finalUrl());
    }

    @Test
    void givesUpAfterTooManyRedirects() {
        serve("/loop/", exchange -> {
            int n = Integer.parseInt(exchange.getRequestURI().getPath().substring("/loop/".length()));
            redirect(exchange, 301, "/loop/" + (n + 1));
        });

        FetchException error = assertThrows(FetchException.class,
                () -> new PoliteFetcher(settings()).fetch(url("/loop/0"), null));

        assertTrue(error.getMessage().contains("more than 5 redirects"), error.getMessage());
        assertEquals(6, hits("/loop/"));
    }

    @Test
    void refusesARedirectToTheCloudMetadataAddressEvenWhenPrivateNetworksAreAllowed() {
        serve("/feed", exchange -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/"));

        SsrfGuard.BlockedAddressException refused = assertThrows(SsrfGuard.BlockedAddressException.class,
                () -> new PoliteFetcher(settings()).fetch(url("/feed"), null));

        assertTrue(refused.getMessage().contains("cloud metadata"), refused.getMessage());
    }

    @Test
    void refusesLoopbackBeforeConnectingWhenPrivateNetworksAreNotAllowed() {
        serve("/feed", exchange -> respond(exchange, 200, "application/rss+xml", "<rss/>".getBytes()));
        FetchSettings production = new FetchSettings(settings().userAgent(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 64 * 1024, 5, 2, false);

        SsrfGuard.BlockedAddressException refused = assertThrows(SsrfGuard.BlockedAddressException.class,
                () -> new PoliteFetcher(production).fetch(url("/feed"), null));

        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        assertEquals(0, hits("/feed"));
    }

    @Test
    void aHostThatRefusedOneInstanceIsLeftAloneByAnotherSharingItsRefusals() throws Exception {
        serve("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            respond(exchange, 429, "text/plain", "slow down".getBytes());
        });
        HostRefusals shared = HostRefusals.inMemory();
        PoliteFetcher first = new PoliteFetcher(settings(), shared);
        PoliteFetcher second = new PoliteFetcher(settings(), shared);

        assertEquals(429, first.fetch(url("/feed"), null).status());

        FetchException backingOff = assertThrows(FetchException.class, () -> second.fetch(url("/feed"), null));
        assertTrue(backingOff.getMessage().startsWith("backing off until"), backingOff.getMessage());
        assertEquals(first.notBefore(HOST), second.notBefore(HOST));
        assertEquals(1, hits("/feed"), "the second instance never asked the host");
    }

    @Test
    void honoursRetryAfterAndBacksOffTheHost() throws Exception {
        serve("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "7");
            respond(exchange, 429, "text/plain", "slow down".getBytes());
        });
        PoliteFetcher fetcher = new PoliteFetcher(settings());

        Instant before = Instant.now();
        FetchResult result = fetcher.fetch(url("/feed"), null);
        Instant after = Instant.now();

        assertEquals(429, result.status());
        assertEquals(Duration.ofSeconds(7), result.retryAfter());
        Instant notBefore = fetcher.notBefore(HOST);
        assertFalse(notBefore.isBefore(before.plusSeconds(7)), notBefore.toString());
        assertFalse(notBefore.isAfter(after.plusSeconds(7)), notBefore.toString());
        FetchException backingOff = assertThrows(FetchException.class, () -> fetcher.fetch(url("/feed"), null));
        assertTrue(backingOff.getMessage().startsWith("backing off until " + notBefore), backingOff.getMessage());
        assertEquals(1, hits("/feed"));
    }

    @Test
    void doublesTheBackoffWithoutRetryAfterAndClearsItOnSuccess() throws Exception {
        AtomicInteger overloadedAnswers = new AtomicInteger(2);
        serve("/feed", exchange -> {
            if (overloadedAnswers.getAndDecrement() > 0) {
                respond(exchange, 503, "text/plain", "busy".getBytes());
            } else {
                respond(exchange, 200, "application/rss+xml", "<rss/>".getBytes());
            }
        });
        MovableClock clock = new MovableClock(Instant.parse("2023-01-18T14:20:00Z"));
        PoliteFetcher fetcher = new PoliteFetcher(settings(), clock);

        FetchResult first = fetcher.fetch(url("/feed"), null);
        Instant firstWait = fetcher.notBefore(HOST);
        clock.now = firstWait;
        fetcher.fetch(url("/feed"), null);
        Instant secondWait = fetcher.notBefore(HOST);
        clock.now = secondWait;
        FetchResult recovered = fetcher.fetch(url("/feed"), null);

        assertEquals(503, first.status());
        assertNull(first.retryAfter());
        assertEquals(Instant.parse("2023-01-18T14:21:00Z"), firstWait);
        assertEquals(firstWait.plus(Duration.ofMinutes(2)), secondWait);
        assertEquals(200, recovered.status());
        assertTrue(fetcher.notBefore(HOST).isBefore(clock.now));
    }

    @Test
    void failsFastWhenTheServerDoesNotAnswerInTime() {
        serve("/slow", exchange -> {
            awaitRelease();
            respond(exchange, 200, "application/rss+xml", "<rss/>".getBytes());
        });
        PoliteFetcher fetcher = new PoliteFetcher(withRequestTimeout(Duration.ofMillis(300)));

        FetchException error = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> assertThrows(FetchException.class, () -> fetcher.fetch(url("/slow"), null)));

        assertTrue(error.getMessage().contains("timed out"), error.getMessage());
    }

    @Test
    void failsFastWhenTheBodyStallsAfterTheHeaders() {
        serve("/stalling", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("<rss version=\"2.0\"><channel>".getBytes());
            body.flush();
            awaitRelease();
            exchange.close();
        });
        PoliteFetcher fetcher = new PoliteFetcher(withRequestTimeout(Duration.ofMillis(300)));

        FetchException error = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> assertThrows(FetchException.class, () -> fetcher.fetch(url("/stalling"), null)));

        assertTrue(error.getMessage().contains("timed out"), error.getMessage());
    }

    @Test
    void refusesABodyThatDeclaresMoreThanTheLimit() {
        serve("/big", exchange -> respond(exchange, 200, "application/rss+xml", new byte[100 * 1024]));

        FetchException error = assertThrows(FetchException.class,
                () -> new PoliteFetcher(settings()).fetch(url("/big"), null));

        assertTrue(error.getMessage().contains("more than the limit of 65536"), error.getMessage());
    }

    @Test
    void stopsReadingAnUndeclaredBodyPastTheLimit() {
        serve("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                // Far more than the limit; the client must hang up long before the end.
                for (int i = 0; i < 1024; i++) {
                    body.write(chunk);
                }
            } catch (IOException clientHungUp) {
                // expected
            }
        });

        FetchException error = assertThrows(FetchException.class,
                () -> new PoliteFetcher(settings()).fetch(url("/endless"), null));

        assertTrue(error.getMessage().contains("larger than the limit of 65536"), error.getMessage());
    }

    @Test
    void refusesAGzipBombPastTheLimit() {
        serve("/bomb", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(exchange, 200, "application/rss+xml", gzip(new byte[1024 * 1024]));
        });

        FetchException error = assertThrows(FetchException.class,
                () -> new PoliteFetcher(settings()).fetch(url("/bomb"), null));

        assertTrue(error.getMessage().contains("decompresses to more than the limit"), error.getMessage());
    }

    @Test
    void handsTheBodyOverAsBytesWithTheWholeContentTypeHeaderForItsReaderToDecode() throws Exception {
        // The charset may be in the header, a byte order mark or the markup: only the reader of the body sees all three.
        byte[] page = "<!doctype html><meta charset=\"windows-1256\"><p>\u0645\u0631\u062d\u0628\u0627</p>"
                .getBytes(Charset.forName("windows-1256"));
        serve("/page", exchange -> respond(exchange, 200, "Text/HTML; charset=windows-1256", page));

        FetchResult result = new PoliteFetcher(settings()).fetch(url("/page"), null);

        assertArrayEquals(page, result.body());
        assertEquals("text/html", result.contentType());
        assertEquals("Text/HTML; charset=windows-1256", result.contentTypeHeader());
    }

    @Test
    void neverExceedsThePerHostConcurrencyLimit() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // The receiver holds every request until the test lets one go: without the limit all six would be held at
        // once; with it, a third arrives only after one of the first two was answered.
        Semaphore answers = new Semaphore(0);
        serve("/feed", exchange -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                answers.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            respond(exchange, 200, "application/rss+xml", "<rss/>".getBytes());
        });
        PoliteFetcher fetcher = new PoliteFetcher(settings());
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<FetchResult>> fetches = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fetches.add(callers.submit(() -> fetcher.fetch(url("/feed"), null)));
            }
            for (int answered = 0; answered < 6; answered++) {
                int expected = Math.min(2, 6 - answered);
                await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == expected);
                answers.release();
                int done = answered + 1;
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> fetches.stream().filter(Future::isDone).count() == done);
            }
            for (Future<FetchResult> done : fetches) {
                assertEquals(200, done.get().status());
            }
        } finally {
            answers.release(6);
            callers.shutdownNow();
        }

        assertEquals(6, hits("/feed"));
        assertEquals(2, mostAtOnce.get());
    }

    private static FetchSettings settings() {
        return new FetchSettings("NewsflowTest/1.0 (+https://github.com/newsflow)", Duration.ofSeconds(2),
                Duration.ofSeconds(5), 64 * 1024, 5, 2, true);
    }

    private static FetchSettings withRequestTimeout(Duration timeout) {
        FetchSettings s = settings();
        return new FetchSettings(s.userAgent(), s.connectTimeout(), timeout, s.maxBytes(), s.maxRedirects(),
                s.perHostConcurrency(), s.allowPrivateNetworks());
    }

    private URI url(String path) {
        return URI.create("http://" + HOST + ":" + server.getAddress().getPort() + path);
    }

    private void serve(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            lastRequestHeaders.put(path, exchange.getRequestHeaders());
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    private int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(data);
        }
        return compressed.toByteArray();
    }

    /** A clock the test moves by hand, so backoff times are exact. */
    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
