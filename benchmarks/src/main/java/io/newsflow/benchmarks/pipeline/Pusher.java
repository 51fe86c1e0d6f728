package io.newsflow.benchmarks.pipeline;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pushes articles to ingest-service's {@code POST /articles} and reads each answer into a {@link Verdict}. What to do
 * with a verdict (count it, push again) is the caller's; a rejection that says the benchmark itself is wrong (a bad
 * key, an invalid article) is thrown, so that it stops the run instead of being counted.
 */
final class Pusher {

    /** Every HTTP call gives up after this; the service's own publish timeout is longer (15 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Verdict {
        /** 202: a new article, or a new revision, was emitted. */
        ACCEPTED,
        /**
         * 200 unchanged: known with this very content. After a push whose answer was lost, that push got it in: it
         * counts as accepted then.
         */
        UNCHANGED,
        /** 200 duplicate: taken for a copy of an earlier article's story; nothing emitted. */
        DUPLICATE,
        /** Not accepted (503, or the connection refused): push the same content again later. */
        RETRY,
        /**
         * No answer (timeout, connection lost mid-request, a 5xx other than 503): it may or may not have been
         * accepted. Pushing the same content again tells which: 202 if it was not, 200 unchanged if it was.
         */
        UNCERTAIN
    }

    /** @param id the article id, when the verdict names one */
    record Outcome(Verdict verdict, String id, int revision) {

        static Outcome of(Verdict verdict) {
            return new Outcome(verdict, null, 0);
        }
    }

    /** A 4xx answer (or an answer that cannot be read): retrying cannot help. */
    static final class RejectedException extends RuntimeException {

        RejectedException(String message) {
            super(message);
        }
    }

    private final HttpClient http = newClient();
    private final List<URI> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final String authorization;
    private final AtomicLong serverErrors = new AtomicLong();

    /** @param ingest one ingest-service address, or several separated by commas, used in turn request by request */
    Pusher(String ingest, String apiKey) {
        this.instances = Arrays.stream(ingest.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(a -> URI.create(a.replaceAll("/+$", "") + "/articles")).toList();
        this.authorization = "Bearer " + apiKey;
    }

    /** The next instance's {@code /articles}, as a round-robin load balancer would choose. */
    private URI articles() {
        return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
    }

    /** HTTP/1.1, as publishers mostly use it; connections are kept alive between pushes. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Answers with a status of 500 or above other than 503 so far: each one is an UNCERTAIN verdict too. */
    long serverErrors() {
        return serverErrors.get();
    }

    Outcome pushJson(ArticleCorpus.Article article) throws InterruptedException {
        return single(request(articles(), "application/json", article.json().getBytes(StandardCharsets.UTF_8)));
    }

    Outcome pushPage(ArticleCorpus.Page page) throws InterruptedException {
        URI uri = URI.create(articles() + "?url=" + URLEncoder.encode(page.url(), StandardCharsets.UTF_8));
        return single(request(uri, "text/html; charset=UTF-8", page.html()));
    }

    /** One NDJSON batch; the outcomes are in the order of the articles. */
    List<Outcome> pushBatch(List<ArticleCorpus.Article> batch) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (ArticleCorpus.Article article : batch) {
            // JSON escapes line breaks inside strings, so each article is exactly one line.
            body.append(article.json()).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = request(articles(), "application/x-ndjson", bytes);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Collections.nCopies(batch.size(), Outcome.of(Verdict.RETRY));
        } catch (IOException e) {
            return Collections.nCopies(batch.size(), Outcome.of(Verdict.UNCERTAIN));
        }
        Verdict failed = failure(response);
        if (failed != null) {
            return Collections.nCopies(batch.size(), Outcome.of(failed));
        }
        // A line left out of the answer has no verdict yet: it is pushed again like one without an answer.
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(batch.size(), Outcome.of(Verdict.UNCERTAIN)));
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode answer = parse(line);
            int index = answer.path("line").asInt() - 1;
            if (index < 0 || index >= batch.size()) {
                throw new RejectedException("An NDJSON answer names no line of the batch: " + line);
            }
            outcomes.set(index, switch (answer.path("status").asText()) {
                case "unavailable" -> Outcome.of(Verdict.RETRY);
                case "invalid", "forbidden" -> throw new RejectedException("Line " + (index + 1) + " was refused: "
                        + line + "\n  the line: " + abbreviated(batch.get(index).json()));
                default -> verdict(answer, line);
            });
        }
        return outcomes;
    }

    private HttpRequest request(URI uri, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", contentType)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private Outcome single(HttpRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // Never reached the service: certainly not accepted.
            return Outcome.of(Verdict.RETRY);
        } catch (IOException e) {
            // A timeout or a connection lost after the request went out: the service may have taken it.
            return Outcome.of(Verdict.UNCERTAIN);
        }
        Verdict failed = failure(response);
        return failed != null ? Outcome.of(failed) : verdict(parse(response.body()), response.body());
    }

    /** The verdict of an answer that is not a success; null for 200 and 202. */
    private Verdict failure(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200 || status == 202) {
            return null;
        }
        if (status == 503) {
            return Verdict.RETRY;
        }
        if (status >= 500) {
            serverErrors.incrementAndGet();
            return Verdict.UNCERTAIN;
        }
        throw new RejectedException(described(response) + " answered " + status + ": " + abbreviated(response.body()));
    }

    /** An answer {id, revision, status} of one article, alone or as a batch line. */
    private static Outcome verdict(JsonNode answer, String text) {
        String id = answer.path("id").asText(null);
        int revision = answer.path("revision").asInt();
        return switch (answer.path("status").asText()) {
            case "created", "revised" -> new Outcome(Verdict.ACCEPTED, id, revision);
            case "unchanged" -> new Outcome(Verdict.UNCHANGED, id, revision);
            case "duplicate" -> new Outcome(Verdict.DUPLICATE, id, revision);
            default -> throw new RejectedException("An answer without a known status: " + abbreviated(text));
        };
    }

    private static JsonNode parse(String text) {
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new RejectedException("An answer that is not a JSON object: " + abbreviated(text));
        }
        return answer;
    }

    private static String described(HttpResponse<String> response) {
        return response.request().method() + " " + response.request().uri();
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
