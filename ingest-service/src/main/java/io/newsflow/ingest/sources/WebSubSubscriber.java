package io.newsflow.ingest.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.newsflow.extraction.feeds.ParsedFeed;
import io.newsflow.ingest.config.FetchConfig;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.store.SourceStore;
import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.ingest.store.SourceStore.WebSubState;
import io.newsflow.ingest.store.SourceStore.WebSubState.State;
import io.newsflow.outbound.FetchResult;
import io.newsflow.outbound.HmacSignatures;
import io.newsflow.outbound.LinkHeaders;
import io.newsflow.outbound.SsrfGuard;
import io.newsflow.outbound.StatusOnly;
import io.quarkus.scheduler.Scheduled;

/**
 * The subscriber side of W3C WebSub: subscribes to the hub a feed declares, answers the hub's verification of intent,
 * checks the signature of what the hub delivers, renews leases before they end, and lets a lapsed subscription fall
 * back to polling.
 */
@ApplicationScoped
public class WebSubSubscriber {

    private static final Logger LOG = Logger.getLogger(WebSubSubscriber.class);
    // A hub that never verifies leaves a request pending; ask again after this long.
    private static final Duration UNVERIFIED_RETRY = Duration.ofHours(1);
    // A hub may grant a long lease; we renew well before a year anyway, and bound it so the arithmetic stays sane.
    private static final Duration MAX_LEASE = Duration.ofDays(365);

    private final SourceStore store;
    private final SsrfGuard guard;
    private final IngestConfig config;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    WebSubSubscriber(SourceStore store, SsrfGuard guard, IngestConfig config, FetchConfig fetch) {
        this.store = store;
        this.guard = guard;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(fetch.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether the source's updates come from its hub now, so that polling can slow down. */
    public boolean active(Source source) {
        WebSubState websub = source.websub();
        return websub != null && websub.state() == State.ACTIVE && websub.leaseExpiresAt() != null
                && websub.leaseExpiresAt().isAfter(clock.instant());
    }

    /** Called after each successful poll: subscribes when the feed names a hub and no subscription stands. */
    void discovered(Source source, ParsedFeed feed, FetchResult fetched) {
        Optional<String> callbackBase = config.websub().callbackBaseUrl();
        URI base = fetched.finalUrl();
        Optional<URI> hub = Optional.ofNullable(feed.hubUrl()).or(() -> LinkHeaders.hub(fetched.linkHeaders(), base));
        if (callbackBase.isEmpty() || hub.isEmpty()) {
            return;
        }
        URI topic = Optional.ofNullable(feed.selfUrl()).or(() -> LinkHeaders.self(fetched.linkHeaders(), base))
                .orElse(URI.create(source.url()));
        WebSubState current = source.websub();
        boolean standing = current != null && current.hub().equals(hub.get().toString())
                && current.topic().equals(topic.toString())
                && (active(source) || current.state() == State.REQUESTED
                        && current.requestedAt().plus(UNVERIFIED_RETRY).isAfter(clock.instant()));
        if (!standing) {
            subscribe(source.id(), current, hub.get(), topic, current == null ? newSecret() : current.secret());
        }
    }

    /** Renews leases that end soon and marks ended ones as lapsed, so polling takes over at its normal pace. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        Instant now = clock.instant();
        for (Source source : store.withActiveWebSub()) {
            WebSubState websub = source.websub();
            if (websub.leaseExpiresAt() == null) {
                continue;
            }
            boolean renewalPending = websub.verifiedAt() != null && websub.requestedAt().isAfter(websub.verifiedAt())
                    && websub.requestedAt().plus(UNVERIFIED_RETRY).isAfter(now);
            if (!websub.leaseExpiresAt().isAfter(now)) {
                if (store.lapseWebSub(source.id(), websub)) {
                    LOG.infof("WebSub lease of %s lapsed; polling resumes", source.url());
                }
            } else if (websub.leaseExpiresAt().minus(config.websub().renewBefore()).isBefore(now) && !renewalPending) {
                subscribe(source.id(), websub, URI.create(websub.hub()), URI.create(websub.topic()),
                        websub.secret());
            }
        }
    }

    /**
     * Asks the hub to subscribe or renew, if the subscription is still as {@code seen} when the request is recorded:
     * another instance that decided the same at the same time records its request first, and this one sends nothing.
     */
    private void subscribe(String sourceId, WebSubState seen, URI hub, URI topic, String secret) {
        Instant now = clock.instant();
        Optional<WebSubState> previous = Optional.ofNullable(seen);
        // An active subscription stays active while its renewal waits for the hub's verification.
        State state = previous.map(WebSubState::state).orElse(null) == State.ACTIVE ? State.ACTIVE : State.REQUESTED;
        WebSubState request = new WebSubState(hub.toString(), topic.toString(), secret, state, now,
                previous.map(WebSubState::verifiedAt).orElse(null),
                previous.map(WebSubState::leaseExpiresAt).orElse(null));
        boolean ours = store.requestWebSub(sourceId, seen, request);
        if (!ours) {
            LOG.debugf("WebSub request for %s recorded by another instance meanwhile; not sent again", topic);
            return;
        }
        String form = Map.of(
                "hub.mode", "subscribe",
                "hub.topic", topic.toString(),
                "hub.callback", callback(sourceId),
                "hub.secret", secret,
                "hub.lease_seconds", String.valueOf(config.websub().lease().toSeconds()))
                .entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            guard.check(hub);
            int status = StatusOnly.send(http, HttpRequest.newBuilder(hub).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (status / 100 != 2) {
                lapse(sourceId, request, "hub answered " + status);
            }
        } catch (IOException e) {
            lapse(sourceId, request, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Verification of intent: the hub checks that we asked for this subscription.
     *
     * @return the challenge to echo, or empty when we did not ask for it (the hub must then get a 404)
     */
    public Optional<String> verify(String sourceId, String mode, String topic, String challenge, Long leaseSeconds) {
        Optional<Source> source = store.find(sourceId);
        if (source.isEmpty() || source.get().websub() == null || challenge == null
                || !source.get().websub().topic().equals(topic) || !"subscribe".equals(mode)) {
            // We never unsubscribe, and confirm only what we asked for: anyone can compute a callback address.
            return Optional.empty();
        }
        WebSubState websub = source.get().websub();
        Instant now = clock.instant();
        if (!pending(websub, now)) {
            return Optional.empty();
        }
        Duration lease = leaseSeconds == null || leaseSeconds < 0 ? config.websub().lease()
                : Duration.ofSeconds(Math.min(leaseSeconds, MAX_LEASE.toSeconds()));
        store.recordWebSub(sourceId, new WebSubState(websub.hub(), websub.topic(), websub.secret(), State.ACTIVE,
                websub.requestedAt(), now, now.plus(lease)));
        LOG.infof("WebSub subscription to %s active for %s", websub.topic(), lease);
        return Optional.of(challenge);
    }

    /**
     * The hub refused the subscription: polling goes on. Only a request of ours still waiting for its answer can be
     * denied, for the topic it asked about: anyone can compute a callback address, and lapsing an active
     * subscription on an unasked denial would let a third party answer the next verification first.
     *
     * @return whether a pending request was denied
     */
    public boolean denied(String sourceId, String topic, String reason) {
        Optional<WebSubState> websub = store.find(sourceId).map(Source::websub);
        if (websub.isEmpty() || !websub.get().topic().equals(topic) || !pending(websub.get(), clock.instant())) {
            return false;
        }
        return lapse(sourceId, websub.get(), "hub denied the subscription: " + reason);
    }

    /** A subscription request sent and not yet answered, within the time an answer may take. */
    private static boolean pending(WebSubState websub, Instant now) {
        boolean asked = websub.state() == State.REQUESTED
                || websub.verifiedAt() == null || websub.requestedAt().isAfter(websub.verifiedAt());
        return asked && !websub.requestedAt().plus(UNVERIFIED_RETRY).isBefore(now);
    }

    /**
     * Checks the {@code X-Hub-Signature} of a content distribution request against the subscription's secret, in
     * constant time.
     *
     * @return the source, when the signature is valid
     */
    public Optional<Source> authenticate(String sourceId, byte[] body, String signature) {
        Optional<Source> source = store.find(sourceId);
        if (source.isEmpty() || source.get().websub() == null || signature == null) {
            return Optional.empty();
        }
        return HmacSignatures.verify(source.get().websub().secret(), body, signature) ? source : Optional.empty();
    }

    /** Lapses the subscription if it is still as {@code seen}; another instance's later request or verification wins. */
    private boolean lapse(String sourceId, WebSubState seen, String reason) {
        if (!store.lapseWebSub(sourceId, seen)) {
            return false;
        }
        LOG.infof("WebSub subscription of source %s lapsed (%s); polling goes on", sourceId, reason);
        return true;
    }

    private String callback(String sourceId) {
        String base = config.websub().callbackBaseUrl().orElseThrow();
        return (base.endsWith("/") ? base : base + "/") + "websub/" + sourceId;
    }

    private String newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
