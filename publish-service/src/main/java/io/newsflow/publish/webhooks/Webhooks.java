package io.newsflow.publish.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.EventJson;
import io.newsflow.outbound.HmacSignatures;
import io.newsflow.outbound.SsrfGuard;
import io.newsflow.outbound.StatusOnly;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.ArticleQuery;
import io.newsflow.publish.store.StoredArticle;
import io.newsflow.publish.store.WebhookStore;
import io.newsflow.publish.store.WebhookStore.Attempt;
import io.newsflow.publish.store.WebhookStore.Delivery;
import io.newsflow.publish.store.WebhookStore.Webhook;
import io.quarkus.scheduler.Scheduled;

/**
 * Outbound webhooks for consumers that cannot read Kafka: matching articles are queued in MongoDB and POSTed, signed
 * with HMAC-SHA256 of the body ({@code X-Newsflow-Signature: sha256=<hex>}), retried with backoff, and every
 * delivery's fate is visible through the API.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    private final WebhookStore store;
    private final PublishConfig config;
    private final MeterRegistry metrics;
    private final HttpClient http;
    private final SsrfGuard guard;
    private final Clock clock = Clock.systemUTC();
    private static final Duration MOVE_COMPLETION = Duration.ofMinutes(1);
    // Only the scheduler's thread reads and writes it (one tick at a time).
    private Instant nextMoveCompletion = Instant.EPOCH;

    Webhooks(WebhookStore store, PublishConfig config, MeterRegistry metrics) {
        this.store = store;
        this.config = config;
        this.metrics = metrics;
        this.guard = new SsrfGuard(config.webhooks().allowPrivateNetworks());
        this.http = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Queues each article for every webhook whose filters it passes, in one write. Idempotent per webhook and
     * revision.
     */
    public void enqueue(List<StoredArticle> articles) {
        List<Webhook> current = store.current();
        if (current.isEmpty()) {
            return;
        }
        List<ArticleQuery> queries = current.stream().map(webhook -> query(webhook.filters())).toList();
        List<WebhookStore.Queued> queued = new ArrayList<>();
        for (StoredArticle article : articles) {
            String body = null;
            for (int i = 0; i < current.size(); i++) {
                if (queries.get(i).matches(article)) {
                    body = body == null ? EventJson.write(article) : body;
                    queued.add(new WebhookStore.Queued(current.get(i).id(), article.id(), article.revision(), body));
                }
            }
        }
        store.enqueue(queued, clock.instant());
    }

    static ArticleQuery query(Map<String, String> filters) {
        return new ArticleQuery(opt(filters, "language"), opt(filters, "tag"), opt(filters, "keyword"),
                opt(filters, "entity"), opt(filters, "category"), opt(filters, "source"), Optional.empty(),
                Optional.empty(), opt(filters, "q"));
    }

    private static Optional<String> opt(Map<String, String> filters, String name) {
        return Optional.ofNullable(filters.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * Attempts the due deliveries, a round at a time, until a round lists fewer due than it may claim. Every instance
     * runs it every tick: each round's deliveries are claimed before their attempts (docs/adr/0011), so that each is
     * attempted by one instance at a time; a delivery whose webhook was deleted is discarded, so that such deliveries
     * never fill a round.
     */
    @Scheduled(every = "${newsflow.publish.webhooks.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void deliverDue() {
        // Moves that an instance dying mid-record left half done, looked for once a minute, not at every tick: they
        // are rare and never due again, so they only wait to be counted once. A move is idempotent, so one that meets
        // a round still recording (a round longer than a minute) only does part of that round's work for it.
        Instant now = clock.instant();
        if (!now.isBefore(nextMoveCompletion)) {
            nextMoveCompletion = now.plus(MOVE_COMPLETION);
            store.completeMoves(now.minus(MOVE_COMPLETION));
        }
        // A full round may have left more due: going on at once, not at the next tick, keeps up with a backlog.
        while (deliverRound() >= roundSize()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private int roundSize() {
        // At least one: a round of none would list nothing and find itself full.
        return Math.max(1, config.webhooks().concurrency());
    }

    /** @return how many deliveries were listed due, claimed by this instance or not */
    private int deliverRound() {
        Instant now = clock.instant();
        Duration timeout = config.webhooks().timeout();
        // Longer than an attempt can take, and all of a round's attempts run at once: the connection's and the
        // answer's timeouts, and room to record them. No attempt outlives the round's deadline, 5 s before the claim
        // ends, so that another instance claiming them then never sends while this one still does.
        Instant until = now.plus(timeout.multipliedBy(2)).plusSeconds(10);
        Instant deadline = until.minusSeconds(5);
        WebhookStore.Claimed claimed = store.claimDue(now, until, roundSize());
        if (claimed.deliveries().isEmpty()) {
            return claimed.due();
        }
        // Read now, not from the consumer's cache: a webhook registered on another instance a moment ago is there.
        Map<String, Webhook> webhooks = new HashMap<>();
        store.all().forEach(w -> webhooks.put(w.id(), w));
        store.discard(claimed.claim(), claimed.deliveries().stream()
                .filter(d -> !webhooks.containsKey(d.webhookId())).map(Delivery::id).toList());
        Map<String, Optional<String>> refused = new HashMap<>();
        List<CompletableFuture<Attempt>> attempts = new ArrayList<>();
        for (Delivery delivery : claimed.deliveries()) {
            Webhook webhook = webhooks.get(delivery.webhookId());
            if (webhook == null) {
                continue;
            }
            // Checked again at each round: the name may resolve elsewhere by now.
            Optional<String> refusal = refused.computeIfAbsent(webhook.id(), id -> refusal(webhook));
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(timeout) < 0) {
                // Too little of the round left for an attempt (slow name lookups): left claimed, due again at the
                // claim's end, unrecorded, as if this instance had died.
                continue;
            }
            attempts.add(refusal.isPresent() ? CompletableFuture.completedFuture(failed(delivery, now, refusal.get()))
                    : attempt(webhook, delivery, now, left));
        }
        store.record(claimed.claim(), attempts.stream().map(CompletableFuture::join).toList());
        return claimed.due();
    }

    private Optional<String> refusal(Webhook webhook) {
        try {
            guard.check(URI.create(webhook.url()));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.toString());
        }
    }

    private CompletableFuture<Attempt> attempt(Webhook webhook, Delivery delivery, Instant now, Duration left) {
        try {
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            return StatusOnly.sendAsync(http, HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Newsflow-Webhooks/1.0")
                    .header("X-Newsflow-Event", "article.published")
                    .header("X-Newsflow-Delivery", delivery.id())
                    .header("X-Newsflow-Signature", HmacSignatures.sha256(webhook.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), left)
                    .handle((status, error) -> error != null ? failed(delivery, now, cause(error).toString())
                            : status / 100 == 2 ? delivered(delivery, now) : failed(delivery, now, "HTTP " + status));
        } catch (RuntimeException e) {
            // Whatever goes wrong with one receiver is that delivery's failure, never a stop for the others.
            return CompletableFuture.completedFuture(failed(delivery, now, e.toString()));
        }
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private Attempt delivered(Delivery delivery, Instant now) {
        metrics.counter("newsflow.publish.webhook.deliveries", "outcome", "delivered").increment();
        return Attempt.delivered(delivery, now);
    }

    private Attempt failed(Delivery delivery, Instant now, String error) {
        int attempts = delivery.attempts() + 1;
        Instant next = attempts >= config.webhooks().maxAttempts() ? null : now.plus(RetryDelays.backoff(attempts));
        metrics.counter("newsflow.publish.webhook.deliveries", "outcome", next == null ? "failed" : "retried")
                .increment();
        LOG.infof("Webhook delivery %s failed (%s)%s", delivery.id(), error,
                next == null ? "; giving up" : "; retry at " + next);
        return new Attempt(delivery, now, error, next);
    }
}
