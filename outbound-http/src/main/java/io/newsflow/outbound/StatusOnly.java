package io.newsflow.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a request whose answer matters only by its status (a webhook delivery, a WebSub subscription request) and
 * closes the body unread. The request's timeout ends when the headers arrive; a receiver that then trickled a body
 * would otherwise hold the sender, and every delivery queued behind it, for as long as it liked.
 */
public final class StatusOnly {

    private StatusOnly() {
    }

    /** @return the answer's status code */
    public static int send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return statusClosingBody(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * The same, without holding a thread while the receiver answers, so that many requests can be in flight at once,
     * and with a deadline for the whole exchange: past it, the exchange is cancelled, not left to run on.
     *
     * @return the answer's status code; completes exceptionally as {@link #send} would throw, or with a
     *         {@link java.util.concurrent.TimeoutException} when {@code within} ran out first
     */
    public static CompletableFuture<Integer> sendAsync(HttpClient client, HttpRequest request, Duration within) {
        CompletableFuture<HttpResponse<InputStream>> exchange = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        return exchange.copy().orTimeout(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS)
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        exchange.cancel(true);
                    }
                }).thenApply(answer -> {
                    try {
                        return statusClosingBody(answer);
                    } catch (IOException e) {
                        // Closing is how the exchange is abandoned; the status is already known.
                        return answer.statusCode();
                    }
                });
    }

    private static int statusClosingBody(HttpResponse<InputStream> answer) throws IOException {
        // Closing before the end abandons the exchange and its connection instead of reading on.
        answer.body().close();
        return answer.statusCode();
    }
}
