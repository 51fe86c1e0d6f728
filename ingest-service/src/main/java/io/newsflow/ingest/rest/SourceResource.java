package io.newsflow.ingest.rest;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.ingest.Hashes;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.Opml;
import io.newsflow.extraction.feeds.OpmlOutline;
import io.newsflow.ingest.sources.FeedPoller;
import io.newsflow.ingest.store.SourceStore;
import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.ingest.store.SourceStore.SourceStatus;

/** Feeds that ingest-service polls: add, list, change, remove; OPML in and out. */
@Path("/sources")
@PublisherKey
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
class SourceResource {

    static final String OPML = "text/x-opml";

    private final SourceStore store;
    private final FeedPoller poller;
    private final IngestConfig config;
    private final CurrentPublisher publisher;

    SourceResource(SourceStore store, FeedPoller poller, IngestConfig config, CurrentPublisher publisher) {
        this.store = store;
        this.poller = poller;
        this.config = config;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a feed to poll",
            description = "Body: url (RSS, Atom or JSON Feed), optional interval (ISO 8601 duration, e.g. PT15M), "
                    + "language (ISO 639-1), timeZone (IANA) for dates printed without an offset. 201 with the source; "
                    + "409 when the feed is polled already.")
    public Response add(String body) {
        JsonNode json = ArticleRequests.parse(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        String url = feedUrl(json.path("url").asText(null), errors);
        Settings settings = settings(json, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The source has " + errors.size() + " invalid field(s).", errors);
        }
        Source source = new Source(id(url), url, settings.interval(), settings.language(), settings.timeZone(),
                owner(url), Instant.now(), null, new SourceStatus(null, null, null, null, 0, Instant.now(), null,
                        null, 0), null);
        if (!store.create(source)) {
            return Problem.of(Response.Status.CONFLICT, "The feed " + url + " is polled already as source "
                    + source.id() + ".").toResponse();
        }
        return Response.created(URI.create("/sources/" + source.id())).entity(view(source)).build();
    }

    @GET
    @Operation(summary = "All sources with their status")
    public List<Map<String, Object>> list() {
        return visible().stream().map(SourceResource::view).toList();
    }

    /** The sources whose articles the caller's key may write: a publisher sees its own feeds, an operator all. */
    private List<Source> visible() {
        return store.all().stream().filter(s -> publisher.get().mayWrite(sourceName(s.url()))).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One source: settings, last fetch, last success, last error, entries seen, next poll")
    public Map<String, Object> get(@PathParam("id") String id) {
        return view(find(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a source's interval, language or time zone; the next poll is rescheduled")
    public Map<String, Object> update(@PathParam("id") String id, String body) {
        Source source = find(id);
        owner(source.url());
        JsonNode json = ArticleRequests.parse(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (json.hasNonNull("url") && !source.url().equals(feedUrl(json.get("url").asText(), errors))) {
            errors.add(new Problem.FieldError("/url", "cannot change; remove the source and add the new feed"));
        }
        Settings settings = settings(json, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The source has " + errors.size() + " invalid field(s).", errors);
        }
        store.updateSettings(id, settings.interval(), settings.language(), settings.timeZone(), Instant.now());
        return view(find(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop polling a source; its articles stay")
    public Response delete(@PathParam("id") String id) {
        owner(find(id).url());
        store.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/poll")
    @Operation(summary = "Poll a source now, whatever its schedule")
    public Map<String, Object> pollNow(@PathParam("id") String id) {
        Source source = find(id);
        owner(source.url());
        poller.poll(source);
        return view(find(id));
    }

    @GET
    @Path("/opml")
    @Produces(OPML)
    @Operation(summary = "Export the sources as OPML 2.0")
    public String export() {
        List<OpmlOutline> outlines = visible().stream()
                .map(s -> new OpmlOutline(s.title() != null ? s.title() : s.url(), URI.create(s.url()), null, s.language()))
                .toList();
        return Opml.write("Newsflow sources", outlines);
    }

    @POST
    @Path("/opml")
    @Consumes({OPML, MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(summary = "Import sources from OPML",
            description = "Adds every feed outline; answers one result per outline: created, exists or invalid.")
    public List<Map<String, Object>> importOpml(byte[] body) {
        List<OpmlOutline> outlines;
        try {
            outlines = Opml.read(body);
        } catch (FeedException e) {
            throw new InvalidInputException("Not OPML: " + e.getMessage(), List.of());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (OpmlOutline outline : outlines) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", String.valueOf(outline.xmlUrl()));
            List<Problem.FieldError> errors = new ArrayList<>();
            String url = feedUrl(outline.xmlUrl() == null ? null : outline.xmlUrl().toString(), errors);
            String language = outline.language() == null ? null : outline.language().toLowerCase(Locale.ROOT);
            if (language != null && !language.matches("[a-z]{2}(-.*)?")) {
                language = null;
            }
            if (!errors.isEmpty()) {
                result.put("status", "invalid");
                result.put("problem", errors.get(0).message());
            } else {
                try {
                    Source source = new Source(id(url), url, config.poll().defaultInterval(),
                            language == null ? null : language.substring(0, 2), null, owner(url), Instant.now(),
                            outline.title(), new SourceStatus(null, null, null, null, 0, Instant.now(), null, null, 0),
                            null);
                    result.put("id", source.id());
                    result.put("status", store.create(source) ? "created" : "exists");
                } catch (ForbiddenSourceException e) {
                    result.put("status", "forbidden");
                    result.put("problem", e.getMessage());
                }
            }
            results.add(result);
        }
        return results;
    }

    private Source find(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No source with id " + id));
    }

    /** The publisher may only poll feeds whose articles it may write. */
    private String owner(String url) {
        publisher.authorise(sourceName(url));
        return publisher.get().name();
    }

    private static String sourceName(String url) {
        return io.newsflow.ingest.sources.FeedEntries.sourceName(url);
    }

    private record Settings(Duration interval, String language, String timeZone) {
    }

    private Settings settings(JsonNode json, List<Problem.FieldError> errors) {
        Duration interval = config.poll().defaultInterval();
        if (json.hasNonNull("interval")) {
            try {
                interval = Duration.parse(json.get("interval").asText());
                if (interval.compareTo(config.poll().minInterval()) < 0) {
                    errors.add(new Problem.FieldError("/interval", "must be at least " + config.poll().minInterval()));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("/interval", "must be an ISO 8601 duration such as PT15M"));
            }
        }
        String language = json.hasNonNull("language") ? json.get("language").asText().toLowerCase(Locale.ROOT) : null;
        if (language != null && !language.matches("[a-z]{2}")) {
            errors.add(new Problem.FieldError("/language", "must be an ISO 639-1 code such as fr, en or ar"));
        }
        String timeZone = json.hasNonNull("timeZone") ? json.get("timeZone").asText() : null;
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("/timeZone", "must be an IANA zone such as Africa/Casablanca"));
            }
        }
        return new Settings(interval, language, timeZone);
    }

    private static String feedUrl(String url, List<Problem.FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new Problem.FieldError("/url", "is required"));
            return null;
        }
        String canonical = ArticleRequests.canonicalUrl(url).orElse(null);
        if (canonical == null) {
            errors.add(new Problem.FieldError("/url", ArticleRequests.URL_RULE));
        }
        return canonical;
    }

    static String id(String canonicalUrl) {
        return Hashes.sha256Hex(canonicalUrl).substring(0, 16);
    }

    static Map<String, Object> view(Source s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("url", s.url());
        view.put("title", s.title());
        view.put("interval", s.interval().toString());
        view.put("language", s.language());
        view.put("timeZone", s.timeZone());
        view.put("owner", s.owner());
        view.put("createdAt", s.createdAt());
        SourceStatus st = s.status();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("lastFetchAt", st.lastFetchAt());
        status.put("lastSuccessAt", st.lastSuccessAt());
        status.put("lastError", st.lastError());
        status.put("lastErrorAt", st.lastErrorAt());
        status.put("entriesSeen", st.entriesSeen());
        status.put("nextPollAt", st.nextPollAt());
        status.put("consecutiveFailures", st.consecutiveFailures());
        view.put("status", status);
        Optional.ofNullable(s.websub()).ifPresent(w -> {
            Map<String, Object> websub = new LinkedHashMap<>();
            websub.put("hub", w.hub());
            websub.put("topic", w.topic());
            websub.put("state", w.state().name().toLowerCase(Locale.ROOT));
            websub.put("leaseExpiresAt", w.leaseExpiresAt());
            view.put("websub", websub);
        });
        return view;
    }
}
