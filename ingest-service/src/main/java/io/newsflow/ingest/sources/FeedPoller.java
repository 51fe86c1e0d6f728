package io.newsflow.ingest.sources;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.extraction.feeds.FeedEntry;
import io.newsflow.extraction.feeds.FeedException;
import io.newsflow.extraction.feeds.FeedParser;
import io.newsflow.extraction.feeds.ParsedFeed;
import io.newsflow.ingest.ArticleTooLargeException;
import io.newsflow.ingest.ForbiddenArticleException;
import io.newsflow.ingest.Ingestion;
import io.newsflow.ingest.Publisher;
import io.newsflow.ingest.ServiceBusyException;
import io.newsflow.ingest.ServiceStoppingException;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.messaging.PublishFailedException;
import io.newsflow.ingest.store.SourceStore;
import io.newsflow.ingest.store.SourceStore.Source;
import io.newsflow.outbound.FetchResult;
import io.newsflow.outbound.PoliteFetcher;
import io.newsflow.outbound.SsrfGuard;
import io.newsflow.outbound.Validators;
import io.newsflow.stage.ArticleTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Polls the sources that are due: a conditional GET of the feed, then every entry not taken yet becomes an article
 * (the page fetched and extracted when the feed only carries a teaser). Failures back off exponentially, or as long
 * as the publisher's Retry-After asks.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    // Long enough for a feed and the pages of its teaser-only entries; a crashed poll is retried after it.
    private static final Duration CLAIM = Duration.ofMinutes(10);

    private final SourceStore store;
    private final Ingestion ingestion;
    private final PoliteFetcher fetcher;
    private final FeedEntries entries;
    private final WebSubSubscriber websub;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final FeedParser parser = new FeedParser();
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService workers;
    private final Semaphore slots;
    private final ArticleTraces traces;

    FeedPoller(SourceStore store, Ingestion ingestion, PoliteFetcher fetcher, FeedEntries entries,
            WebSubSubscriber websub, IngestConfig config, MeterRegistry metrics, ArticleTraces traces) {
        this.store = store;
        this.traces = traces;
        this.ingestion = ingestion;
        this.fetcher = fetcher;
        this.entries = entries;
        this.websub = websub;
        this.config = config;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(config.poll().concurrency(), r -> {
            Thread thread = new Thread(r, "feed-poller");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(config.poll().concurrency());
    }

    @Scheduled(every = "${newsflow.ingest.poll.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = PollingDisabled.class)
    void pollDueSources() {
        Instant now = clock.instant();
        for (Source source : store.due(now, config.poll().concurrency() * 4)) {
            if (!slots.tryAcquire()) {
                return;
            }
            // Claimed before the work starts, so that a slow poll is not started again by the next tick.
            if (!store.claim(source.id(), now, now.plus(CLAIM))) {
                slots.release();
                continue;
            }
            workers.execute(() -> {
                try {
                    poll(source);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** Polls one source now, whatever its schedule; used by the scheduler and by {@code POST /sources/{id}/poll}. */
    public void poll(Source source) {
        Instant started = clock.instant();
        URI url = URI.create(source.url());
        try {
            FetchResult result = fetcher.fetch(url,
                    new Validators(source.status().etag(), source.status().lastModified()));
            if (result.notModified()) {
                count(source, "not-modified");
                store.recordSuccess(source.id(), started, 0, result.etag(), result.lastModified(),
                        next(source, started),
                        null);
                return;
            }
            if (!result.isSuccess()) {
                fail(source, started, "HTTP " + result.status() + " from " + result.finalUrl(), result.retryAfter());
                return;
            }
            ParsedFeed feed = parser.parse(result.body(), null, result.contentTypeHeader(), result.finalUrl());
            int taken = take(source, feed.entries());
            count(source, "fetched");
            store.recordSuccess(source.id(), started, taken, result.etag(), result.lastModified(),
                    next(source, started),
                    feed.title());
            websub.discovered(source, feed, result);
        } catch (SsrfGuard.BlockedAddressException e) {
            fail(source, started, e.getMessage(), null);
        } catch (FeedException e) {
            fail(source, started, "not a feed: " + e.getMessage(), null);
        } catch (IOException | PublishFailedException | ServiceStoppingException | ServiceBusyException e) {
            fail(source, started, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Polling %s failed", source.url());
            fail(source, started, e.toString(), null);
        }
    }

    /** Ingests the entries not taken before, oldest first; returns how many were new. */
    public int take(Source source, List<FeedEntry> feedEntries) throws InterruptedException {
        List<FeedEntry> ordered = new ArrayList<>(feedEntries);
        ordered.sort(Comparator.comparing(FeedEntry::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        int taken = 0;
        for (FeedEntry entry : ordered) {
            String key = FeedEntries.key(entry);
            String fingerprint = FeedEntries.fingerprint(entry);
            if (key == null || store.seen(source.id(), key, fingerprint)) {
                continue;
            }
            // Each entry's article in a trace: its own when polled on schedule, the request's when a WebSub
            // delivery or POST /sources/{id}/poll brought it, so that its log lines and events carry a trace id.
            Span span = traces.start("take feed entry", Context.current(), null).setAttribute("newsflow.source.id",
                    source.id()).setAttribute("newsflow.feed.entry", key);
            try (Scope scope = span.makeCurrent()) {
                try {
                    entries.toArticle(source, entry)
                            .ifPresent(article -> ingestion.ingest(article, Publisher.ownerOfFeed(source.owner())));
                    taken++;
                } catch (ForbiddenArticleException | ArticleTooLargeException e) {
                    // Another publisher owns the article, or it is too large for an event: taking it again at the
                    // next poll would end the same way.
                    LOG.warnf("Entry %s of %s not taken: %s", key, source.url(), e.getMessage());
                    metrics.counter("newsflow.ingest.source.refused", "source", source.id()).increment();
                }
                store.markSeen(source.id(), key, fingerprint);
            } catch (IOException e) {
                // One unreachable article page must not stop the others; it is tried again at the next poll.
                LOG.warnf("Entry %s of %s not taken: %s", key, source.url(), e.getMessage());
            } finally {
                span.end();
            }
        }
        metrics.counter("newsflow.ingest.source.entries", "source", source.id()).increment(taken);
        return taken;
    }

    private void fail(Source source, Instant at, String error, Duration retryAfter) {
        count(source, "failed");
        Duration backoff = config.poll().minInterval()
                .multipliedBy(1L << Math.min(source.status().consecutiveFailures(), 16));
        if (backoff.compareTo(config.poll().maxBackoff()) > 0) {
            backoff = config.poll().maxBackoff();
        }
        Instant next = at.plus(retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff);
        Instant hostGate = fetcher.notBefore(URI.create(source.url()).getHost());
        store.recordFailure(source.id(), at, error, next.isAfter(hostGate) ? next : hostGate);
        LOG.infof("Polling %s failed (%s); next try at %s", source.url(), error, next);
    }

    private Instant next(Source source, Instant at) {
        Duration interval = source.interval();
        if (websub.active(source) && config.websub().pollWhileSubscribed().compareTo(interval) > 0) {
            interval = config.websub().pollWhileSubscribed();
        }
        return at.plus(interval);
    }

    private void count(Source source, String outcome) {
        metrics.counter("newsflow.ingest.source.polls", "source", source.id(), "outcome", outcome).increment();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Skips polling where {@code newsflow.ingest.poll.enabled=false}. */
    @ApplicationScoped
    static class PollingDisabled implements Scheduled.SkipPredicate {

        private final IngestConfig config;

        PollingDisabled(IngestConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.poll().enabled();
        }
    }
}
