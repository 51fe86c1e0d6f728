package io.newsflow.publish.rest;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.publish.feeds.ReaderLinks;
import io.newsflow.publish.webhooks.WebhookStore;
import io.newsflow.publish.webhooks.WebhookStore.Webhook;

/** Webhooks: register a receiver with filters and a secret, see what was delivered and what failed. */
@Path("/webhooks")
@AdminKey
@Produces(MediaType.APPLICATION_JSON)
class WebhookResource {

    private final WebhookStore store;

    WebhookResource(WebhookStore store) {
        this.store = store;
    }

    /** A registration: where to POST, the HMAC secret, and the feed filters articles must pass. */
    record Registration(String url, String secret, Map<String, String> filters) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook",
            description = "Body: url (http or https), secret (at least 16 characters; signs each body as "
                    + "X-Newsflow-Signature: sha256=<hex HMAC-SHA256>), filters (language, category, keyword, entity, "
                    + "tag, q, source). Matching articles are POSTed as JSON, retried with backoff.")
    public Response register(Registration registration) {
        if (registration == null || registration.url() == null || !isHttpUrl(registration.url())) {
            throw new BadRequestException("url must be an absolute http or https URL");
        }
        if (registration.secret() == null || registration.secret().length() < 16) {
            throw new BadRequestException("secret must have at least 16 characters");
        }
        Map<String, String> filters = registration.filters() == null ? Map.of() : registration.filters();
        for (String name : filters.keySet()) {
            if (!ReaderLinks.FILTERS.contains(name) && !name.equals("source")) {
                throw new BadRequestException("unknown filter " + name + "; known: " + ReaderLinks.FILTERS + " and source");
            }
        }
        Webhook webhook = new Webhook(UUID.randomUUID().toString(), registration.url(), registration.secret(), filters,
                Instant.now());
        store.add(webhook);
        return Response.created(URI.create("/webhooks/" + webhook.id())).entity(view(webhook)).build();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && uri.getScheme() != null && uri.getScheme().matches("(?i)https?");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @GET
    @Operation(summary = "All webhooks, with delivery counts")
    public List<Map<String, Object>> list() {
        return store.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook, with delivery counts")
    public Map<String, Object> get(@PathParam("id") String id) {
        return view(find(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The latest deliveries of a webhook: status, attempts, last error, next attempt")
    public List<Map<String, Object>> deliveries(@PathParam("id") String id) {
        find(id);
        return store.deliveries(id, 100).stream().map(d -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", d.id());
            view.put("articleId", d.articleId());
            view.put("revision", d.revision());
            view.put("status", d.status());
            view.put("attempts", d.attempts());
            view.put("lastAttemptAt", d.lastAttemptAt());
            view.put("lastError", d.lastError());
            view.put("nextAttemptAt", d.nextAttemptAt());
            view.put("deliveredAt", d.deliveredAt());
            return view;
        }).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a webhook and its queued deliveries")
    public Response delete(@PathParam("id") String id) {
        find(id);
        store.delete(id);
        return Response.noContent().build();
    }

    private Webhook find(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No webhook with id " + id));
    }

    private Map<String, Object> view(Webhook webhook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", webhook.id());
        view.put("url", webhook.url());
        view.put("filters", webhook.filters());
        view.put("createdAt", webhook.createdAt());
        view.put("deliveries", store.counts(webhook.id()));
        return view;
    }
}
