package io.newsflow.ingest.sources;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.contract.Problem.FieldError;
import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.Opml;
import io.newsflow.extraction.feeds.OpmlOutline;
import io.newsflow.ingest.ArticleRequests;
import io.newsflow.ingest.ForbiddenSourceException;
import io.newsflow.ingest.Hashes;
import io.newsflow.ingest.InvalidInputException;
import io.newsflow.ingest.Publisher;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.store.SourceStore;
import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.ingest.store.SourceStore.SourceStatus;

/**
 * The publisher's use case of feed sources: add, list, change, remove, poll now; OPML in and out. A publisher
 * manages the feeds whose articles it may write (the feed's host is the source name), an operator all of them.
 */
@ApplicationScoped
public class Sources {

    /** The longest feed address taken, as for webhooks: real feeds' are a few hundred characters. */
    static final int MAX_URL_LENGTH = 8192;

    private final SourceStore store;
    private final FeedPoller poller;
    private final IngestConfig config;
    private final Clock clock = Clock.systemUTC();

    Sources(SourceStore store, FeedPoller poller, IngestConfig config) {
        this.store = store;
        this.poller = poller;
        this.config = config;
    }

    /** What became of an addition: the source, and whether it is new or the feed was polled already. */
    public record Added(Source source, boolean created) {
    }

    /** What became of one OPML outline: created, exists (with the id), or invalid, forbidden (with the problem). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Imported(String url, String id, String status, String problem) {
    }

    /**
     * Adds the feed of a JSON body ({@code url}, optional {@code interval}, {@code language}, {@code timeZone}).
     *
     * @throws InvalidInputException listing each invalid field
     * @throws ForbiddenSourceException when the publisher may not write the feed's host
     */
    public Added add(String body, Publisher publisher) {
        JsonNode json = ArticleRequests.parse(body);
        List<FieldError> errors = new ArrayList<>();
        String url = feedUrl(json.path("url").asText(null), errors);
        Settings settings = settings(json, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The source has " + errors.size() + " invalid field(s).", errors);
        }
        Source source = newSource(url, settings, owner(url, publisher), null);
        Optional<Source> existing = store.find(source.id());
        if (existing.isPresent()) {
            return new Added(existing.get(), false);
        }
        checkQuota(publisher, store.countOwnedBy(publisher.name()));
        if (!store.create(source)) {
            return new Added(store.find(source.id()).orElse(source), false);
        }
        return new Added(source, true);
    }

    /** The sources whose articles the publisher may write: a publisher sees its own feeds, an operator all. */
    public List<Source> visible(Publisher publisher) {
        return store.all().stream().filter(s -> publisher.mayWrite(sourceName(s.url()))).toList();
    }

    /** A source the publisher may see; empty when there is none (or it belongs to someone else). */
    public Optional<Source> find(String id, Publisher publisher) {
        return store.find(id).filter(s -> publisher.mayWrite(sourceName(s.url())));
    }

    /** Changes the interval, language or time zone; the next poll is rescheduled. The URL cannot change. */
    public Optional<Source> update(String id, String body, Publisher publisher) {
        Optional<Source> found = find(id, publisher);
        if (found.isEmpty()) {
            return found;
        }
        JsonNode json = ArticleRequests.parse(body);
        List<FieldError> errors = new ArrayList<>();
        if (json.hasNonNull("url") && !found.get().url().equals(feedUrl(json.get("url").asText(), errors))) {
            errors.add(new FieldError("/url", "cannot change; remove the source and add the new feed"));
        }
        Settings settings = settings(json, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The source has " + errors.size() + " invalid field(s).", errors);
        }
        store.updateSettings(id, settings.interval(), settings.language(), settings.timeZone(), clock.instant());
        return store.find(id);
    }

    /** Stops polling; the source's articles stay. False when there was no such source for this publisher. */
    public boolean delete(String id, Publisher publisher) {
        return find(id, publisher).map(s -> store.delete(id)).orElse(false);
    }

    public Optional<Source> pollNow(String id, Publisher publisher) {
        return find(id, publisher).flatMap(source -> {
            poller.poll(source);
            return store.find(id);
        });
    }

    public String exportOpml(Publisher publisher) {
        return Opml.write("Newsflow sources", visible(publisher).stream()
                .map(s -> new OpmlOutline(s.title() != null ? s.title() : s.url(), URI.create(s.url()), null,
                        s.language()))
                .toList());
    }

    /** Adds every feed outline of an OPML document; one result per outline. */
    public List<Imported> importOpml(byte[] body, Publisher publisher) {
        List<OpmlOutline> outlines;
        try {
            outlines = Opml.read(body);
        } catch (FeedException e) {
            throw new InvalidInputException("Not OPML: " + e.getMessage(), List.of());
        }
        List<Imported> results = new ArrayList<>();
        long owned = store.countOwnedBy(publisher.name());
        for (OpmlOutline outline : outlines) {
            String given = String.valueOf(outline.xmlUrl());
            List<FieldError> errors = new ArrayList<>();
            String url = feedUrl(outline.xmlUrl() == null ? null : outline.xmlUrl().toString(), errors);
            if (!errors.isEmpty()) {
                results.add(new Imported(given, null, "invalid", errors.get(0).message()));
                continue;
            }
            String language = outline.language() == null ? null : outline.language().toLowerCase(Locale.ROOT);
            language = language != null && language.matches("[a-z]{2}(-.*)?") ? language.substring(0, 2) : null;
            try {
                Source source = newSource(url, new Settings(config.poll().defaultInterval(), language, null),
                        owner(url, publisher), outline.title());
                if (store.find(source.id()).isPresent()) {
                    results.add(new Imported(given, source.id(), "exists", null));
                    continue;
                }
                checkQuota(publisher, owned);
                boolean created = store.create(source);
                owned += created ? 1 : 0;
                results.add(new Imported(given, source.id(), created ? "created" : "exists", null));
            } catch (ForbiddenSourceException | SourceQuotaException e) {
                results.add(new Imported(given, null, "forbidden", e.getMessage()));
            }
        }
        return results;
    }

    /**
     * A publisher polls at most {@code newsflow.ingest.max-sources-per-publisher} feeds; the operator has no quota.
     * Counted, then created: two additions racing on two instances may pass the quota by one, which a quota allows.
     */
    private void checkQuota(Publisher publisher, long owned) {
        int max = config.maxSourcesPerPublisher();
        if (!publisher.mayWriteAnyArticle() && owned >= max) {
            throw new SourceQuotaException(publisher.name(), max);
        }
    }

    private Source newSource(String url, Settings settings, String owner, String title) {
        return new Source(id(url), url, settings.interval(), settings.language(), settings.timeZone(), owner,
                clock.instant(), title, new SourceStatus(null, null, null, null, 0, clock.instant(), null, null, 0),
                null);
    }

    /** The publisher may only poll feeds whose articles it may write; the name it goes by is the owner. */
    private static String owner(String url, Publisher publisher) {
        publisher.authorise(sourceName(url));
        return publisher.name();
    }

    private static String sourceName(String url) {
        return FeedEntries.sourceName(url);
    }

    private record Settings(Duration interval, String language, String timeZone) {
    }

    private Settings settings(JsonNode json, List<FieldError> errors) {
        Duration interval = config.poll().defaultInterval();
        if (json.hasNonNull("interval")) {
            try {
                interval = Duration.parse(json.get("interval").asText());
                if (interval.compareTo(config.poll().minInterval()) < 0) {
                    errors.add(new FieldError("/interval", "must be at least " + config.poll().minInterval()));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/interval", "must be an ISO 8601 duration such as PT15M"));
            }
        }
        String language = json.hasNonNull("language") ? json.get("language").asText().toLowerCase(Locale.ROOT) : null;
        if (language != null && !language.matches("[a-z]{2}")) {
            errors.add(new FieldError("/language", "must be an ISO 639-1 code such as fr, en or ar"));
        }
        String timeZone = json.hasNonNull("timeZone") ? json.get("timeZone").asText() : null;
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("/timeZone", "must be an IANA zone such as Africa/Casablanca"));
            }
        }
        return new Settings(interval, language, timeZone);
    }

    private static String feedUrl(String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("/url", "is required"));
            return null;
        }
        if (url.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("/url", "must be at most " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        String canonical = ArticleRequests.canonicalUrl(url).orElse(null);
        if (canonical == null) {
            errors.add(new FieldError("/url", ArticleRequests.URL_RULE));
        }
        return canonical;
    }

    static String id(String canonicalUrl) {
        return Hashes.sha256Hex(canonicalUrl).substring(0, 16);
    }
}
