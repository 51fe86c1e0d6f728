package io.newsflow.publish.live;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How far the live stream had got when it sent an event: for each partition of {@code articles-enriched}, the offset
 * of the next record. It is the event's SSE id, so that a client reconnecting with {@code Last-Event-ID} to any
 * instance gets exactly the records it had not been sent: every instance reads every partition in offset order, so an
 * offset means the same record everywhere, whatever order the partitions were interleaved in.
 *
 * <p>
 * Written as {@code partition:offset} pairs joined by {@code .}, for example {@code 0:1842.1:1790.2:1811}; opaque
 * to clients, which only echo it.
 */
public record StreamPosition(SortedMap<Integer, Long> next) {

    // A client can send anything as Last-Event-ID: a bounded number of bounded pairs, or it is not ours.
    private static final Pattern PAIR = Pattern.compile("\\d{1,5}:\\d{1,19}");
    private static final int MOST_PARTITIONS = 1024;

    public StreamPosition {
        next = new TreeMap<>(next);
    }

    static StreamPosition start() {
        return new StreamPosition(new TreeMap<>());
    }

    /** Whether the record at {@code offset} of {@code partition} was behind this position (sent, or passed over). */
    public boolean passed(int partition, long offset) {
        Long n = next.get(partition);
        return n != null && offset < n;
    }

    /** Whether this position is at or past {@code other} in every partition {@code other} names. */
    boolean covers(StreamPosition other) {
        for (Map.Entry<Integer, Long> e : other.next.entrySet()) {
            Long n = next.get(e.getKey());
            if (n == null || n < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The further of this position and {@code other} in each partition. */
    StreamPosition atLeast(StreamPosition other) {
        if (covers(other)) {
            return this;
        }
        SortedMap<Integer, Long> moved = new TreeMap<>(next);
        other.next.forEach((partition, offset) -> moved.merge(partition, offset, Math::max));
        return new StreamPosition(moved);
    }

    /** This position moved past the record at {@code offset} of {@code partition}. */
    StreamPosition after(int partition, long offset) {
        SortedMap<Integer, Long> moved = new TreeMap<>(next);
        moved.merge(partition, offset + 1, Math::max);
        return new StreamPosition(moved);
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Integer, Long> e : next.entrySet()) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(e.getKey()).append(':').append(e.getValue());
        }
        return out.toString();
    }

    /** The position a client's {@code Last-Event-ID} names; empty when absent or not one of ours (an old number). */
    public static Optional<StreamPosition> parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        String[] pairs = lastEventId.strip().split("\\.", MOST_PARTITIONS + 1);
        SortedMap<Integer, Long> next = new TreeMap<>();
        for (String pair : pairs) {
            if (pairs.length > MOST_PARTITIONS || !PAIR.matcher(pair).matches()) {
                return Optional.empty();
            }
            int colon = pair.indexOf(':');
            try {
                next.merge(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)),
                        Math::max);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamPosition(next));
    }
}
