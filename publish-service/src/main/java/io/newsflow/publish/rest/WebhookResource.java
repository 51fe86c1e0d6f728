package io.newsflow.publish.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.contract.Problem;
import io.newsflow.edge.OperatorKey;
import io.newsflow.publish.store.WebhookStore.Delivery;
import io.newsflow.publish.store.WebhookStore.DeliveryCounts;
import io.newsflow.publish.store.WebhookStore.Webhook;
import io.newsflow.publish.webhooks.WebhookRegistrations;

/** Webhooks: register a receiver with filters and a secret, see what was delivered and what failed. */
@Path("/webhooks")
@OperatorKey
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
class WebhookResource {

    private final WebhookRegistrations webhooks;

    WebhookResource(WebhookRegistrations webhooks) {
        this.webhooks = webhooks;
    }

    /** A registration: where to POST, the HMAC secret, and the feed filters articles must pass. */
    @Schema(description = "A webhook to register")
    record Registration(
            @Schema(description = "Where matching articles are POSTed: a public http or https address", examples = "https://example.org/newsflow-hook") String url,
            @Schema(description = "At least 16 characters; each body is signed with it as X-Newsflow-Signature: "
                    + "sha256=<hex HMAC-SHA256>", examples = "5b2e0c1f9d8a4e77b1c3") String secret,
            @Schema(description = "Feed filters the articles must all pass: language, category, keyword, entity, "
                    + "tag, q, source", examples = "{\"language\": \"fr\", \"category\": \"politics\"}") Map<String, String> filters) {
    }

    @Schema(description = "A registered webhook; the secret is never shown again")
    record WebhookView(@Schema(examples = "0b7c5c2e-6c1f-4a8e-9c57-2f1d0a4b9e31") String id,
            @Schema(examples = "https://example.org/newsflow-hook") String url, Map<String, String> filters,
            Instant createdAt, DeliveryCounts deliveries) {
    }

    @Schema(description = "One article revision for one webhook, and what became of it")
    record DeliveryView(String id, String articleId, int revision,
            @Schema(description = "pending, delivered or failed", examples = "delivered") String status,
            int attempts, Instant lastAttemptAt, @Schema(examples = "HTTP 500") String lastError,
            Instant nextAttemptAt, Instant deliveredAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.articleId(), d.revision(), d.status(), d.attempts(), d.lastAttemptAt(),
                    d.lastError(), d.nextAttemptAt(), d.deliveredAt());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = "Matching articles are POSTed as JSON, signed, retried with backoff. The address must be "
            + "public: the same outbound policy as every fetch, checked now and at each delivery.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "problem+json listing each invalid field")
    public Response register(Registration registration) {
        Registration given = registration == null ? new Registration(null, null, null) : registration;
        Webhook webhook = webhooks.register(given.url(), given.secret(), given.filters());
        return Response.created(URI.create("/webhooks/" + webhook.id())).entity(view(webhook)).build();
    }

    @GET
    @Operation(summary = "All webhooks, with delivery counts")
    public List<WebhookView> list() {
        return webhooks.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook, with delivery counts")
    public WebhookView get(@PathParam("id") String id) {
        return view(webhooks.find(id).orElseThrow(() -> notFound(id)));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The latest deliveries of a webhook: status, attempts, last error, next attempt")
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return webhooks.deliveries(id, 100).orElseThrow(() -> notFound(id)).stream().map(DeliveryView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a webhook and its queued deliveries")
    public Response delete(@PathParam("id") String id) {
        if (!webhooks.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private WebhookView view(Webhook webhook) {
        return new WebhookView(webhook.id(), webhook.url(), webhook.filters(), webhook.createdAt(),
                webhooks.counts(webhook.id()));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No webhook with id " + id);
    }
}
