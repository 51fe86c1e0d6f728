package io.newsflow.publish.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsflow.contract.Problem.FieldError;
import io.newsflow.outbound.SsrfGuard;
import io.newsflow.publish.InvalidRequestException;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.feeds.ReaderLinks;
import io.newsflow.publish.store.WebhookStore;
import io.newsflow.publish.store.WebhookStore.Delivery;
import io.newsflow.publish.store.WebhookStore.Webhook;

/**
 * The operator's use case of webhooks: register a receiver, see it and its deliveries, remove it. A receiver's
 * address goes through the same {@link SsrfGuard} as every outbound call, here at registration and again at each
 * delivery ({@link Webhooks}), so that a webhook cannot be a way into the network Newsflow runs in.
 */
@ApplicationScoped
public class WebhookRegistrations {

    public static final int MIN_SECRET_LENGTH = 16;
    /** No sane receiver needs more; every delivery carries the address again. */
    public static final int MAX_URL_LENGTH = 8192;
    /** The feed's filters, which a webhook's filters are. */
    public static final Set<String> FILTERS;

    static {
        List<String> names = new ArrayList<>(ReaderLinks.FILTERS);
        names.add("source");
        FILTERS = Set.copyOf(names);
    }

    private final WebhookStore store;
    private final SsrfGuard guard;
    private final Clock clock = Clock.systemUTC();

    @Inject
    WebhookRegistrations(WebhookStore store, PublishConfig config) {
        this(store, new SsrfGuard(config.webhooks().allowPrivateNetworks()));
    }

    /** With the guard given: for tests of the registration rules. */
    WebhookRegistrations(WebhookStore store, SsrfGuard guard) {
        this.store = store;
        this.guard = guard;
    }

    /** @throws InvalidRequestException listing every field that is wrong */
    public Webhook register(String url, String secret, Map<String, String> filters) {
        Map<String, String> given = filters == null ? Map.of() : filters;
        List<FieldError> errors = check(url, secret, given);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The webhook has " + errors.size() + " invalid field(s).", errors);
        }
        Webhook webhook = new Webhook(UUID.randomUUID().toString(), url, secret, given, clock.instant());
        store.add(webhook);
        return webhook;
    }

    /** What is wrong with a registration; nothing when it may be stored. */
    List<FieldError> check(String url, String secret, Map<String, String> filters) {
        List<FieldError> errors = new ArrayList<>();
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("/url", "is required"));
        } else if (url.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("/url", "is longer than " + MAX_URL_LENGTH + " characters"));
        } else {
            try {
                guard.check(new URI(url));
            } catch (URISyntaxException e) {
                errors.add(new FieldError("/url", "must be an absolute http or https URL"));
            } catch (IOException e) {
                // The guard says why: a private address, a metadata host, a scheme, or a name that does not resolve.
                errors.add(new FieldError("/url", e.getMessage()));
            }
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            errors.add(new FieldError("/secret", "must have at least " + MIN_SECRET_LENGTH + " characters"));
        }
        for (String name : filters.keySet()) {
            if (!FILTERS.contains(name)) {
                errors.add(new FieldError("/filters/" + name, "unknown filter; known: "
                        + FILTERS.stream().sorted().toList()));
            }
        }
        return errors;
    }

    public List<Webhook> all() {
        return store.all();
    }

    public Optional<Webhook> find(String id) {
        return store.find(id);
    }

    /** The webhook's latest deliveries, newest first; empty when there is no such webhook. */
    public Optional<List<Delivery>> deliveries(String id, int limit) {
        return store.find(id).map(w -> store.deliveries(id, limit));
    }

    public WebhookStore.DeliveryCounts counts(String id) {
        return store.counts(id);
    }

    /** Removes the webhook and its queued deliveries; false when there was none. */
    public boolean delete(String id) {
        return store.delete(id);
    }
}
