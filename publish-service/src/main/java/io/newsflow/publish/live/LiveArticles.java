package io.newsflow.publish.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.StoredArticle;

/**
 * Articles as they are published, for the live stream, in the order this instance read them from
 * {@code articles-enriched}: each is sent to the connected clients and kept in a bounded buffer, so that a client
 * reconnecting with {@code Last-Event-ID}, to this instance or another, gets what it missed (docs/adr/0006).
 */
@ApplicationScoped
public class LiveArticles {

    /**
     * One published article and its place in the stream.
     *
     * @param position   the stream's position once this article was sent to a client
     * @param partition  the partition of {@code articles-enriched} its record came from
     * @param offset     that record's offset
     * @param storedFrom the record that stored this revision: this one, or an earlier copy of the same event, which
     *                   another instance may have announced instead
     */
    public record Published(StreamPosition position, int partition, long offset, StoredArticle article,
            Source storedFrom) {

        /** The event's SSE id: its position, which a reconnecting client echoes as {@code Last-Event-ID}. */
        public String id() {
            return position.encode();
        }
    }

    private final Deque<Published> recent = new ArrayDeque<>();
    private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
    private final int capacity;
    private StreamPosition position = StreamPosition.start();

    @Inject
    LiveArticles(PublishConfig config) {
        this(config.streamReplay());
    }

    LiveArticles(int capacity) {
        this.capacity = capacity;
    }

    /** The article of the record at {@code offset} of {@code partition} is stored: every client is told. */
    public void publish(int partition, long offset, StoredArticle article) {
        publish(partition, offset, article, new Source(partition, offset));
    }

    /**
     * The article of the record at {@code offset} of {@code partition} is stored, its revision from the record
     * {@code storedFrom}: every client is told, but a client that was sent that record by another instance.
     */
    public void publish(int partition, long offset, StoredArticle article, Source storedFrom) {
        synchronized (this) {
            position = position.after(partition, offset);
            Published published = new Published(position, partition, offset, article, storedFrom);
            recent.addLast(published);
            if (recent.size() > capacity) {
                recent.removeFirst();
            }
            // Under the lock, so that a subscriber never sees an article both in its replay and live, nor neither.
            listeners.forEach(listener -> listener.accept(published));
        }
    }

    /** Where this instance has got to in each partition: the offset of the next record it has not seen. */
    public synchronized StreamPosition position() {
        return position;
    }

    /** The record at {@code offset} of {@code partition} announces nothing (an old revision, an unreadable record). */
    public void pass(int partition, long offset) {
        synchronized (this) {
            position = position.after(partition, offset);
        }
    }

    /**
     * Calls {@code listener} with every buffered article the client had not been sent when it got the event
     * {@code lastEventId} (from this instance or another), then with each new one, in order, until the returned
     * handle is run. Without a {@code lastEventId} of ours, only new articles are sent.
     */
    public Runnable subscribe(String lastEventId, Consumer<Published> listener) {
        Consumer<Published> client = StreamPosition.parse(lastEventId)
                .<Consumer<Published>>map(seen -> new Resumed(seen, listener)).orElse(listener);
        synchronized (this) {
            if (client instanceof Resumed) {
                recent.forEach(client);
            }
            listeners.add(client);
        }
        return () -> listeners.remove(client);
    }

    /**
     * A client that was sent the stream up to a position, perhaps by another instance that had read further than
     * this one in some partition: what that position has passed is not sent again, neither from the buffer nor live
     * while this instance catches up, nor a copy of an event whose first record it has passed (the other instance
     * announced that record, this one the copy), and each event's id stays at least that position, so that
     * reconnecting once more does not go back either. Called only under the lock of {@link LiveArticles}.
     */
    private static final class Resumed implements Consumer<Published> {

        private final Consumer<Published> listener;
        private StreamPosition sent;

        Resumed(StreamPosition sent, Consumer<Published> listener) {
            this.sent = sent;
            this.listener = listener;
        }

        @Override
        public void accept(Published published) {
            Source storedFrom = published.storedFrom();
            // Sent already: this record, or the earlier copy of its event that another instance announced.
            boolean sentAlready = sent.passed(published.partition(), published.offset())
                    || sent.passed(storedFrom.partition(), storedFrom.offset());
            StreamPosition position = published.position().atLeast(sent);
            sent = position;
            if (!sentAlready) {
                listener.accept(position == published.position() ? published
                        : new Published(position, published.partition(), published.offset(), published.article(),
                                storedFrom));
            }
        }
    }
}
