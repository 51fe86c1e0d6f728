package io.newsflow.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of publish-service's live stream, as a browser's {@code EventSource} behind a load balancer: connected to
 * one instance, and when that connection ends, connected again with {@code Last-Event-ID} to the first instance that
 * answers, trying its own first. Counts how often it was sent each article.
 */
final class StreamWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> instances;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Thread reader;
    private volatile String lastEventId;
    private volatile boolean running = true;
    private volatile InputStream current;

    /** @param instances publish-service base addresses, the preferred one first */
    StreamWatcher(List<String> instances) {
        this.instances = instances;
        this.reader = new Thread(this::readForever, "stream-" + instances.get(0));
        reader.setDaemon(true);
        reader.start();
    }

    private void readForever() {
        int attempt = 0;
        while (running) {
            String instance = instances.get(attempt++ % instances.size());
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance + "/articles/stream"))
                        .header("Accept", "text/event-stream");
                if (lastEventId != null) {
                    request.header("Last-Event-ID", lastEventId);
                }
                HttpResponse<InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IllegalStateException(instance + " answered " + response.statusCode());
                }
                attempt = 0;
                current = response.body();
                read(response.body());
            } catch (Exception e) {
                // The instance is down or the connection broke: as EventSource does, connect again shortly.
            }
            if (running) {
                reconnects.incrementAndGet();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void read(InputStream body) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        String articleId = JSON.readTree(data.toString()).path("id").asText();
                        received.computeIfAbsent(articleId, k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (id != null) {
                        lastEventId = id;
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
    }

    /** How many times each article was sent to this client. */
    Map<String, AtomicInteger> received() {
        return received;
    }

    int reconnects() {
        return reconnects.get();
    }

    /** Whether the stream is connected now (an instance accepted it). */
    boolean connected() {
        return current != null;
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        InputStream body = current;
        if (body != null) {
            try {
                body.close();
            } catch (Exception e) {
                // Closing anyway.
            }
        }
    }
}
