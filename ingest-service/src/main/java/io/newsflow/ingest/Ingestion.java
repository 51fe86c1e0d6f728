package io.newsflow.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Problem;
import io.newsflow.extraction.SimHash;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.messaging.IngestedEvents;
import io.newsflow.ingest.messaging.PublishFailedException;
import io.newsflow.ingest.store.ArticleRegistry;
import io.newsflow.ingest.store.ArticleRegistry.Duplicate;
import io.newsflow.ingest.store.ArticleRegistry.Registration;
import io.newsflow.ingest.store.ArticleRegistry.Reservation;
import io.newsflow.ingest.store.SimHashBuckets;
import io.newsflow.ingest.store.SimHashBuckets.Candidate;
import io.newsflow.ingest.store.SimHashBuckets.Candidates;
import io.newsflow.stage.StageMetrics;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Accepts articles, one or a batch at a time: gives each its stable id, decides whether it is new, changed or already
 * known, and emits {@code articles-ingested} for the first two. The revision is reserved before the event is sent
 * and confirmed only after Kafka acknowledged it, so a failure at any step leaves either nothing (the publisher is
 * told to retry) or a duplicate of the same revision that consumers drop; never a lost article, never one revision
 * number for two texts.
 *
 * <p>A batch costs the same few round trips as one article (docs/adr/0007): one read of its registrations, one of
 * its near-duplicate buckets, one bulk reservation, all events in flight together, one bulk confirmation. Two
 * instances pushing the same article agree through the reservation's conditional write, not a lock: the one that
 * loses reads the article again and decides anew. Concurrent single pushes are decided together as such a batch
 * ({@link PushGroups}, docs/adr/0013), each article's event still sent in its own push's trace.
 */
@ApplicationScoped
public class Ingestion {

    private static final Logger LOG = Logger.getLogger(Ingestion.class);
    // A reservation that keeps losing to concurrent pushes of the same article gives up after this many reads.
    private static final int MAX_ATTEMPTS = 32;
    // Bytes of an event besides its texts: field names, ids, dates, language, schema version, with room to spare;
    // and per list entry, its punctuation and field names.
    private static final long EVENT_OVERHEAD = 4096;
    private static final long FIELD_ROOM = 64;

    private final ArticleRegistry registry;
    private final SimHashBuckets buckets;
    private final IngestedEvents events;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final StageMetrics stage;
    private final Clock clock = Clock.systemUTC();
    private final PushGroups<Push, Outcome> singles;

    Ingestion(ArticleRegistry registry, SimHashBuckets buckets, IngestedEvents events, IngestConfig config,
            MeterRegistry metrics) {
        this.registry = registry;
        this.buckets = buckets;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
        this.stage = StageMetrics.of(metrics, "ingest");
        this.singles = new PushGroups<>("ingest-push-group", config.pushGroups().runners(),
                config.pushGroups().maxSize(), config.pushGroups().maxQueueWait(),
                // A group's round waits for Kafka at most this long: the grace to finish one at stop.
                config.publishTimeout(), metrics, this::decideGroup);
    }

    /**
     * On the shutdown event, before the container destroys beans: the Kafka connector closes its emitters as the
     * application scope is destroyed, and a group let finish here still needs them.
     */
    void stopGrouping(@Observes ShutdownEvent shutdown) {
        singles.close();
    }

    @PreDestroy
    void stopGroupingIfNotYet() {
        // Closing twice is harmless: a bean destroyed without a shutdown event (a test container) still stops.
        singles.close();
    }

    /**
     * One article; throws what kept it from being accepted: {@link PublishFailedException} when Kafka did not take
     * it, a {@code MongoException} when MongoDB did not answer, {@link ForbiddenArticleException} when another
     * publisher owns it, {@link ArticleTooLargeException} when its event would not fit in a Kafka record.
     */
    public Result ingest(Article article, Publisher writer) {
        Outcome outcome = singles.decide(new Push(article, writer, Context.current()));
        logEmitted(outcome);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    /**
     * A batch, in order: an article pushed twice in one batch is decided after its first push, as if pushed
     * separately, and so is a copy of an earlier line, once that line is emitted or not. An article first written by
     * another publisher than {@code writer} is refused ({@link ForbiddenArticleException}). Whatever keeps an article
     * from being accepted (Kafka refusing its event, MongoDB not answering) fails that article and those not decided
     * yet, never the ones already answered.
     */
    public List<Outcome> ingestAll(List<Article> articles, Publisher writer) {
        Context trace = Context.current();
        List<Outcome> outcomes = decideGroup(articles.stream().map(a -> new Push(a, writer, trace)).toList());
        outcomes.forEach(Ingestion::logEmitted);
        return outcomes;
    }

    /**
     * On the thread that answers the push, so that the line carries its trace id; a grouped push is decided on a
     * runner thread.
     */
    private static void logEmitted(Outcome outcome) {
        Result result = outcome.result();
        if (result != null && (result.status() == Status.CREATED || result.status() == Status.REVISED)) {
            LOG.debugf("Article %s revision %d emitted", result.id(), result.revision());
        }
    }

    private List<Outcome> decideGroup(List<Push> pushes) {
        Timer.Sample started = Timer.start(metrics);
        List<Outcome> outcomes = decideAll(pushes);
        stage.record(started, pushes.size(),
                outcomes.stream().filter(o -> o.result() != null && (o.result().status() == Status.CREATED
                        || o.result().status() == Status.REVISED)).count(),
                // Failed: not accepted for now, to be pushed again (Kafka or MongoDB away). An article refused for
                // good is no failure of this stage.
                outcomes.stream().filter(o -> o.failure() != null && !o.refusedForGood()).count(),
                0);
        return outcomes;
    }

    private List<Outcome> decideAll(List<Push> pushes) {
        Outcome[] outcomes = new Outcome[pushes.size()];
        List<Item> waiting = new ArrayList<>(pushes.size());
        for (int i = 0; i < pushes.size(); i++) {
            Push push = pushes.get(i);
            Article article = push.article();
            try {
                String id = ArticleIdentity.id(article);
                long size = eventSize(id, article);
                if (size > config.maxEventBytes()) {
                    outcomes[i] = new Outcome(null, new ArticleTooLargeException(id, size, config.maxEventBytes()));
                    continue;
                }
                waiting.add(new Item(i, article, id, ArticleIdentity.contentHash(article), push.writer(),
                        push.trace()));
            } catch (RuntimeException e) {
                // An article that cannot even be identified (a URL no earlier check refused) is refused alone, for
                // good (pushing it again cannot help): the others of its batch, or of its group of other
                // publishers' pushes, are still decided.
                outcomes[i] = new Outcome(null, new InvalidInputException(
                        "The article cannot be identified: " + e.getMessage(),
                        List.of(new Problem.FieldError("url", ArticleRequests.URL_RULE))));
            }
        }
        while (!waiting.isEmpty()) {
            List<Item> round = new ArrayList<>();
            List<Item> later = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Item item : waiting) {
                (ids.add(item.id()) ? round : later).add(item);
            }
            try {
                List<Item> deferred = decide(round, outcomes);
                // A deferred copy goes before the later pushes of its own id, which it precedes in the batch.
                deferred.addAll(later);
                deferred.sort(Comparator.comparingInt(Item::index));
                waiting = deferred;
            } catch (RuntimeException e) {
                for (Item item : waiting) {
                    if (outcomes[item.index()] == null) {
                        outcomes[item.index()] = new Outcome(null, e);
                    }
                }
                waiting = List.of();
            }
        }
        return List.of(outcomes);
    }

    /**
     * Articles with distinct ids.
     *
     * @return the copies of other articles of this round, to be decided in the next one
     */
    private List<Item> decide(List<Item> round, Outcome[] outcomes) {
        Pass pass = new Pass();
        List<Item> undecided = round;
        for (int attempt = 1; !undecided.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                // Only these articles fail: the others of the group (other publishers' pushes) are decided.
                for (Item item : undecided) {
                    outcomes[item.index()] = new Outcome(null, new IllegalStateException(
                            "Concurrent pushes of article " + item.id() + " kept changing it; push it again"));
                }
                break;
            }
            undecided = reserve(undecided, outcomes, pass);
        }
        List<Emission> emissions = pass.emissions;
        if (emissions.isEmpty()) {
            return pass.deferred;
        }
        Instant now = Instant.now(clock);
        List<ArticleIngested> sent = emissions.stream()
                .map(e -> ArticleIngested.of(e.item().id(), e.reservation().revision(), e.item().article(), now))
                .toList();
        List<PublishFailedException> failures = events.publishAll(sent,
                emissions.stream().map(e -> e.item().trace()).toList(), config.publishTimeout());
        List<Reservation> confirmed = new ArrayList<>();
        List<Candidate> listed = new ArrayList<>();
        List<Runnable> answers = new ArrayList<>();
        for (int i = 0; i < emissions.size(); i++) {
            Emission e = emissions.get(i);
            if (failures.get(i) != null) {
                outcomes[e.item().index()] = new Outcome(null, failures.get(i));
                continue;
            }
            confirmed.add(e.reservation());
            listed.add(new Candidate(e.item().id(), e.simHash(), now.getEpochSecond()));
            int revision = e.reservation().revision();
            Status status = revision == 1 ? Status.CREATED : Status.REVISED;
            answers.add(() -> decided(outcomes, e.item(), new Result(e.item().id(), revision, status, null)));
        }
        // Answered only once confirmed: an unconfirmed revision is still reserved, and a push again gets it again.
        registry.confirmAll(confirmed);
        answers.forEach(Runnable::run);
        if (config.nearDuplicates().enabled()) {
            listInBuckets(listed);
        }
        return pass.deferred;
    }

    /**
     * Best effort: the articles are accepted already, and an article missing from its buckets only goes unnoticed
     * as the original of a later copy.
     */
    private void listInBuckets(List<Candidate> listed) {
        try {
            buckets.add(listed);
        } catch (RuntimeException e) {
            LOG.warnf("Could not list %d emitted articles for near-duplicate search: %s", listed.size(),
                    e.getMessage());
            metrics.counter("newsflow.ingest.near-duplicates.unlisted").increment(listed.size());
        }
    }

    /**
     * Decides what can be decided from the stored registrations and reserves the revisions to emit.
     *
     * @return the items whose reservation or copy record lost to a concurrent write, to be read again
     */
    private List<Item> reserve(List<Item> items, Outcome[] outcomes, Pass pass) {
        Map<String, Registration> known = registry.findAll(items.stream().map(Item::id).toList());
        List<Emission> candidates = new ArrayList<>();
        List<Long> newTexts = new ArrayList<>();
        for (Item item : items) {
            Registration registration = known.get(item.id());
            if (registration != null && !item.mayChange(registration)) {
                outcomes[item.index()] = new Outcome(null,
                        ForbiddenArticleException.ownedBy(item.writer().name(), item.id()));
            } else if (registration != null && registration.duplicateOf() != null) {
                decided(outcomes, item, new Result(item.id(), 0, Status.DUPLICATE, registration.duplicateOf()));
            } else if (registration != null && item.hash().equals(registration.contentHash())) {
                decided(outcomes, item, new Result(item.id(), registration.revision(), Status.UNCHANGED, null));
            } else {
                // Folding the text into words is most of what a pass-through push costs: done once, for both uses.
                SimHash.Fingerprint fingerprint = SimHash.fingerprint(item.article().text());
                long simHash = fingerprint.bits();
                int revision = registration == null ? 1 : registration.revisionFor(item.hash());
                long version = registration == null ? Registration.ABSENT : registration.version();
                // Revision 0 is a reservation that Kafka never acknowledged (a 503): the article is still new.
                boolean checkCopy = (registration == null || registration.revision() == 0)
                        && mayBeCopy(fingerprint.wordCount());
                candidates.add(new Emission(item,
                        new Reservation(item.id(), version, revision, item.hash(), item.claim(registration)), simHash,
                        checkCopy));
                if (checkCopy) {
                    newTexts.add(simHash);
                }
            }
        }
        List<Item> retry = new ArrayList<>();
        List<Emission> reserving = withoutCopies(candidates, newTexts, outcomes, pass, retry);
        Set<Integer> lost = registry.reserveAll(reserving.stream().map(Emission::reservation).toList());
        for (int i = 0; i < reserving.size(); i++) {
            if (lost.contains(i)) {
                retry.add(reserving.get(i).item());
            } else {
                pass.emissions.add(reserving.get(i));
            }
        }
        return retry;
    }

    /**
     * Records the copies of stored articles and drops them; defers the copies of another article of this round to
     * the next round, when that one is emitted (or not); the rest is kept. A copy whose record lost to a concurrent
     * write goes to {@code retry}.
     */
    private List<Emission> withoutCopies(List<Emission> candidates, List<Long> newTexts, Outcome[] outcomes, Pass pass,
            List<Item> retry) {
        if (newTexts.isEmpty()) {
            return candidates;
        }
        int maxDistance = config.nearDuplicates().maxDistance();
        Candidates stored = buckets.candidates(newTexts, Instant.now(clock));
        List<Emission> kept = new ArrayList<>();
        List<Emission> copies = new ArrayList<>();
        List<Duplicate> records = new ArrayList<>();
        for (Emission e : candidates) {
            Optional<String> original = e.checkCopy() ? stored.nearest(e.simHash(), maxDistance) : Optional.empty();
            if (original.isPresent()) {
                copies.add(e);
                records.add(
                        new Duplicate(e.item().id(), e.reservation().seenVersion(), e.item().hash(), original.get(),
                                e.reservation().claim()));
            } else if (e.checkCopy()
                    && kept.stream().anyMatch(k -> SimHash.distance(k.simHash(), e.simHash()) <= maxDistance)) {
                pass.deferred.add(e.item());
            } else {
                kept.add(e);
            }
        }
        Set<Integer> lost = registry.recordDuplicates(records);
        for (int i = 0; i < copies.size(); i++) {
            Item item = copies.get(i).item();
            if (lost.contains(i)) {
                retry.add(item);
            } else {
                decided(outcomes, item, new Result(item.id(), 0, Status.DUPLICATE, records.get(i).original()));
            }
        }
        return kept;
    }

    /**
     * The size of the article's event as Kafka would get it. The text dominates, and JSON may escape it to several
     * times its characters (quotes, control characters), so it is measured, not estimated; the revision's digits
     * and the event id are a few bytes the limit leaves room for.
     */
    private long eventSize(String id, Article article) {
        // Hot path: nearly every article stays below the limit even if JSON escaped each of its characters to six
        // bytes (\u0000); it is then not serialised an extra time. Only a long article is measured.
        long characters = length(article.text()) + length(article.title()) + length(article.url())
                + length(article.author()) + length(article.section()) + length(article.source());
        for (String tag : article.tags()) {
            characters += length(tag) + FIELD_ROOM;
        }
        for (Article.Related related : article.related()) {
            characters += length(related.title()) + length(related.url()) + FIELD_ROOM;
        }
        if (6 * characters + EVENT_OVERHEAD <= config.maxEventBytes()) {
            return 0;
        }
        return EventJson.write(ArticleIngested.of(id, 1, article, Instant.EPOCH))
                .getBytes(StandardCharsets.UTF_8).length;
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }

    /** Only a new article can be a copy (a known one keeps its id and gets revisions), and only one long enough. */
    private boolean mayBeCopy(int wordCount) {
        IngestConfig.NearDuplicates settings = config.nearDuplicates();
        return settings.enabled() && wordCount >= settings.minWords();
    }

    private void decided(Outcome[] outcomes, Item item, Result result) {
        count(result.status());
        outcomes[item.index()] = new Outcome(result, null);
    }

    /** The canonical form of a URL as used for ids, so callers store what the id was computed from. */
    public static String canonicalUrl(String url) {
        return ArticleIdentity.canonicalUrl(url);
    }

    private void count(Status status) {
        metrics.counter("newsflow.ingest.articles", "status", status.name().toLowerCase()).increment();
    }

    /** An article to decide, with who pushed it and in which trace its event goes. */
    private record Push(Article article, Publisher writer, Context trace) {
    }

    private record Item(int index, Article article, String id, String hash, Publisher writer, Context trace) {

        /** Its owner, the operator and anyone on an unauthenticated service may change an article. */
        boolean mayChange(Registration registration) {
            return registration.owner() == null || writer.mayWriteAnyArticle()
                    || registration.owner().equals(writer.name());
        }

        /**
         * The first publisher to write the article owns it; one registered before owners were recorded goes to its
         * next writer. The operator and anyone on an unauthenticated service write for others and claim nothing.
         */
        String claim(Registration registration) {
            boolean unowned = registration == null || registration.owner() == null;
            return unowned && !writer.mayWriteAnyArticle() ? writer.name() : null;
        }
    }

    private record Emission(Item item, Reservation reservation, long simHash, boolean checkCopy) {
    }

    /** What one round found: the revisions reserved, and the copies left for the next round. */
    private static final class Pass {
        final List<Emission> emissions = new ArrayList<>();
        final List<Item> deferred = new ArrayList<>();
    }

    public enum Status {
        /** First time this article was seen: revision 1 emitted. */
        CREATED,
        /** Known article with changed content: the next revision emitted. */
        REVISED,
        /** Same content as the last revision: nothing emitted. */
        UNCHANGED,
        /** The same story as an article ingested before under another id: recorded, nothing emitted. */
        DUPLICATE
    }

    /** @param duplicateOf the id of the first article of the story, for a {@link Status#DUPLICATE} */
    public record Result(String id, int revision, Status status, String duplicateOf) {
    }

    /** What became of one article of a batch: a result, or why it was not accepted (push it again). */
    public record Outcome(Result result, RuntimeException failure) {

        /**
         * Refused whatever the retries: owned by another publisher, too large for an event, or not identifiable. Any
         * other failure is "not accepted for now" (Kafka or MongoDB away).
         */
        public boolean refusedForGood() {
            return failure instanceof ForbiddenArticleException || failure instanceof ArticleTooLargeException
                    || failure instanceof InvalidInputException;
        }
    }
}
