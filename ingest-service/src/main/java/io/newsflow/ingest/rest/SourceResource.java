package io.newsflow.ingest.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.contract.Problem;
import io.newsflow.ingest.sources.Sources;

/** Feeds that ingest-service polls: add, list, change, remove; OPML in and out. {@link Sources} does the work. */
@Path("/sources")
@PublisherKey
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
class SourceResource {

    static final String OPML = "text/x-opml";

    private final Sources sources;
    private final CurrentPublisher publisher;

    SourceResource(Sources sources, CurrentPublisher publisher) {
        this.sources = sources;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a feed to poll", description = "Body: url (RSS, Atom or JSON Feed), optional interval (ISO 8601 duration, e.g. PT15M), "
            + "language (ISO 639-1), timeZone (IANA) for dates printed without an offset.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "409", description = "The feed is polled already")
    public Response add(String body) {
        Sources.Added added = sources.add(body, publisher.get());
        if (!added.created()) {
            return Problems.response(Problem.of(409, "The feed " + added.source().url()
                    + " is polled already as source " + added.source().id() + "."));
        }
        return Response.created(URI.create("/sources/" + added.source().id()))
                .entity(SourceView.of(added.source())).build();
    }

    @GET
    @Operation(summary = "The sources whose articles the caller's key may write, with their status")
    public List<SourceView> list() {
        return sources.visible(publisher.get()).stream().map(SourceView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One source: settings, last fetch, last success, last error, entries seen, next poll")
    public SourceView get(@PathParam("id") String id) {
        return SourceView.of(sources.find(id, publisher.get()).orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a source's interval, language or time zone; the next poll is rescheduled")
    public SourceView update(@PathParam("id") String id, String body) {
        return SourceView.of(sources.update(id, body, publisher.get()).orElseThrow(() -> notFound(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop polling a source; its articles stay")
    public Response delete(@PathParam("id") String id) {
        if (!sources.delete(id, publisher.get())) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/poll")
    @Operation(summary = "Poll a source now, whatever its schedule")
    public SourceView pollNow(@PathParam("id") String id) {
        return SourceView.of(sources.pollNow(id, publisher.get()).orElseThrow(() -> notFound(id)));
    }

    @GET
    @Path("/opml")
    @Produces(OPML)
    @Operation(summary = "Export the sources as OPML 2.0")
    public String export() {
        return sources.exportOpml(publisher.get());
    }

    @POST
    @Path("/opml")
    @Consumes({OPML, MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(summary = "Import sources from OPML", description = "Adds every feed outline; answers one result per outline: created, exists, invalid or "
            + "forbidden.")
    public List<Sources.Imported> importOpml(byte[] body) {
        return sources.importOpml(body, publisher.get());
    }

    /** Another publisher's source is answered as absent: its existence is not this key's business. */
    private static NotFoundException notFound(String id) {
        return new NotFoundException("No source with id " + id);
    }
}
