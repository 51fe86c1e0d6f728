package io.newsflow.publish.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.StoredArticle;

/**
 * Articles as they are published, for the live stream: fed by the Kafka consumer right after each store, kept in a
 * bounded buffer so that a client reconnecting with {@code Last-Event-ID} gets what it missed.
 */
@ApplicationScoped
public class LiveArticles {

    /** One published article and its place in the stream. */
    public record Published(long id, StoredArticle article) {
    }

    private final Deque<Published> recent = new ArrayDeque<>();
    private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
    private final int capacity;
    // Seeded from the clock so that ids keep growing across restarts and an old Last-Event-ID replays nothing wrong.
    private long next = System.currentTimeMillis() * 1000;

    LiveArticles(PublishConfig config) {
        this.capacity = config.streamReplay();
    }

    public void publish(StoredArticle article) {
        Published published;
        synchronized (this) {
            published = new Published(next++, article);
            recent.addLast(published);
            if (recent.size() > capacity) {
                recent.removeFirst();
            }
            // Under the lock, so that a subscriber never sees an article both in its replay and live, nor neither.
            listeners.forEach(listener -> listener.accept(published));
        }
    }

    /**
     * Calls {@code listener} with every article published after {@code lastEventId} still in the buffer, then with
     * each new one, in order, until the returned handle is run.
     */
    public Runnable subscribe(Long lastEventId, Consumer<Published> listener) {
        synchronized (this) {
            if (lastEventId != null) {
                List<Published> missed = new ArrayList<>();
                for (Published p : recent) {
                    if (p.id() > lastEventId) {
                        missed.add(p);
                    }
                }
                missed.forEach(listener);
            }
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }
}
