package io.newsflow.ingest.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.sources.WebSubDeliveries;
import io.newsflow.ingest.sources.WebSubSubscriber;

/**
 * The WebSub callback of each source. Hubs authenticate with the subscription's secret (X-Hub-Signature), not with
 * an API key.
 */
@Path("/websub/{sourceId}")
class WebSubResource {

    private final WebSubSubscriber websub;
    private final WebSubDeliveries deliveries;

    WebSubResource(WebSubSubscriber websub, WebSubDeliveries deliveries) {
        this.websub = websub;
        this.deliveries = deliveries;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WebSub verification of intent", description = "Echoes hub.challenge when we asked for it.")
    public Response verify(@PathParam("sourceId") String sourceId, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.topic") String topic, @QueryParam("hub.challenge") String challenge,
            @QueryParam("hub.lease_seconds") Long leaseSeconds, @QueryParam("hub.reason") String reason) {
        if ("denied".equals(mode)) {
            return websub.denied(sourceId, topic, reason) ? Response.ok().build()
                    : Response.status(Response.Status.NOT_FOUND).build();
        }
        return websub.verify(sourceId, mode, topic, challenge, leaseSeconds)
                .map(c -> Response.ok(c, MediaType.TEXT_PLAIN).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "WebSub content distribution", description = "The hub delivers new feed content here, signed.")
    public Response deliver(@PathParam("sourceId") String sourceId, byte[] body,
            @HeaderParam("X-Hub-Signature") String signature, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
            throws InterruptedException {
        return deliveries.deliver(sourceId, body, signature, contentType)
                .map(delivered -> Response.ok(delivered, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problems.response(Problem.of(403,
                        "X-Hub-Signature is missing or does not match this subscription's secret.")));
    }
}
