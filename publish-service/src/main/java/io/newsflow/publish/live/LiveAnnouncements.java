package io.newsflow.publish.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.MongoException;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.ArticleStore.Stored;
import io.newsflow.publish.store.StoredArticle;

/**
 * The use case of the live stream: every record of {@code articles-enriched}, read by this instance whichever
 * instance stores it, is announced once its revision is stored, as the stored article (docs/adr/0006). Records of
 * one partition are announced in offset order, which is what makes a stream position mean the same on every
 * instance.
 */
@ApplicationScoped
public class LiveAnnouncements {

    private static final Logger LOG = Logger.getLogger(LiveAnnouncements.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(20);
    private static final Duration LONGEST_WAIT = Duration.ofMillis(500);

    /**
     * One record as the live stream sees it.
     *
     * @param articleId null for a record that is not a readable event
     */
    public record Arrival(int partition, long offset, String articleId, int revision) {
    }

    private final ArticleStore store;
    private final LiveArticles live;
    private final MeterRegistry metrics;
    private final Duration storeWait;
    // The newest revision announced of recently announced articles: a record delivered twice is announced once.
    private final Map<String, Integer> announced;

    LiveAnnouncements(ArticleStore store, LiveArticles live, PublishConfig config, MeterRegistry metrics) {
        this.store = store;
        this.live = live;
        this.metrics = metrics;
        this.storeWait = config.streamStoreWait();
        int remembered = Math.max(1000, config.streamReplay() * 10);
        this.announced = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > remembered;
            }
        };
    }

    /**
     * Announces these records, in their order within each partition, each as soon as its revision is stored (the
     * storing consumer, here or on another instance, reads the same records). A record whose revision is still not
     * stored after {@code newsflow.publish.stream-store-wait} is passed over: the stream is for being told quickly,
     * and the article is served by the API once stored.
     */
    public void announce(List<Arrival> arrivals) throws InterruptedException {
        List<Arrival> pending = new ArrayList<>(arrivals);
        Instant deadline = Instant.now().plus(storeWait);
        Duration wait = FIRST_WAIT;
        while (true) {
            Map<String, Stored> stored = storedOf(pending);
            boolean late = Instant.now().isAfter(deadline);
            Set<Integer> waiting = new HashSet<>();
            int notStored = 0;
            for (Iterator<Arrival> it = pending.iterator(); it.hasNext();) {
                Arrival arrival = it.next();
                if (waiting.contains(arrival.partition())) {
                    continue;
                }
                Stored found = arrival.articleId() == null ? null : stored.get(arrival.articleId());
                StoredArticle article = found == null ? null : found.article();
                if (arrival.articleId() == null || announcedRevision(arrival.articleId()) >= arrival.revision()
                        || article != null && article.revision() > arrival.revision()) {
                    // Unreadable, already announced, or overtaken by a newer revision (which comes later in this
                    // partition, since one article's records share a key).
                    live.pass(arrival.partition(), arrival.offset());
                    it.remove();
                } else if (article != null && article.revision() == arrival.revision()) {
                    live.publish(arrival.partition(), arrival.offset(), article, storedFrom(found, arrival));
                    announced.put(arrival.articleId(), arrival.revision());
                    it.remove();
                } else if (late) {
                    // Waited long enough: passed over, and what is behind it in its partition goes on.
                    live.pass(arrival.partition(), arrival.offset());
                    it.remove();
                    notStored++;
                } else {
                    // Not stored yet: this partition's later records wait behind it, to keep its order.
                    waiting.add(arrival.partition());
                }
            }
            if (notStored > 0) {
                LOG.warnf("%d articles were not stored within %s of being read; not streamed", notStored, storeWait);
                metrics.counter("newsflow.publish.stream.articles", "outcome", "not-stored").increment(notStored);
            }
            if (pending.isEmpty()) {
                return;
            }
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }

    /**
     * The record that stored the revision: this one, or a copy of the same event before it in this partition (enrich
     * sends an event again when it dies before committing). An instance that did not announce that first record
     * (started after it, or passed it over) announces the copy, and a client that another instance sent the first
     * record to is not sent the copy ({@link LiveArticles}). Articles stored before sources were kept name this record.
     */
    private static Source storedFrom(Stored stored, Arrival arrival) {
        return stored.source().filter(source -> source.partition() == arrival.partition())
                .orElseGet(() -> new Source(arrival.partition(), arrival.offset()));
    }

    private int announcedRevision(String articleId) {
        return announced.getOrDefault(articleId, 0);
    }

    private Map<String, Stored> storedOf(List<Arrival> pending) {
        Set<String> ids = new HashSet<>();
        pending.stream().filter(a -> a.articleId() != null).forEach(a -> ids.add(a.articleId()));
        try {
            return store.findAll(ids);
        } catch (MongoException e) {
            // MongoDB away: nothing can be announced as stored; asked again until the wait ends.
            return Map.of();
        }
    }
}
