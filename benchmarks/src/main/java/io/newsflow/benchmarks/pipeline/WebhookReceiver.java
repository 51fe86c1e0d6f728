package io.newsflow.benchmarks.pipeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback, registered with publish-service for every article: counts the requests for each
 * article and the distinct {@code X-Newsflow-Delivery} ids among them.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "chaos-receiver-secret-0123456789";

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> deliveryIds = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, Visibility.daemon("webhook-receiver")));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String articleId = JSON.readTree(body).path("id").asText();
            requests.computeIfAbsent(articleId, k -> new AtomicInteger()).incrementAndGet();
            deliveryIds.computeIfAbsent(articleId, k -> ConcurrentHashMap.newKeySet())
                    .add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Newsflow-Delivery")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Registers this receiver with publish-service, with the operator key; no filter. */
    void register(String publish, String operatorKey) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/chaos", "secret", SECRET));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(publish
                + "/webhooks")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operatorKey).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Registering the webhook answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    /** Requests per article. */
    Map<String, AtomicInteger> requests() {
        return requests;
    }

    /** Distinct delivery ids per article: more than one would be two deliveries of one revision. */
    Map<String, Set<String>> deliveryIds() {
        return deliveryIds;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
