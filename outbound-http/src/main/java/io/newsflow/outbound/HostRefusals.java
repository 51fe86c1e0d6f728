package io.newsflow.outbound;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the hosts that answered 429 or 503 are remembered: in this process by default ({@link #inMemory()}), or in a
 * store that every instance of a service shares, so that a host that refused one instance is left alone by all of
 * them. Hosts are given lower-cased. Implementations are thread-safe, and each method is one atomic step of the
 * store, since several instances may record refusals of one host at once.
 */
public interface HostRefusals {

    /**
     * @param inARow    refusals of the host since it last answered otherwise
     * @param notBefore when it may be asked again
     */
    record Refusal(int inARow, Instant notBefore) {
    }

    /** The host's standing refusal, if it has one. */
    Optional<Refusal> of(String host);

    /** Counts one more refusal in a row and returns the count. */
    int refused(String host);

    /** The host may not be asked before {@code until}; a later time already recorded stands. */
    void notBefore(String host, Instant until);

    /**
     * The host answered: its refusals are forgotten, unless another refusal was counted since {@code seen} was read
     * (another instance was refused meanwhile, and that refusal stands).
     */
    void answered(String host, Refusal seen);

    /** Refusals kept in this process only: what a single instance needs. */
    static HostRefusals inMemory() {
        return new HostRefusals() {
            private final Map<String, Refusal> hosts = new ConcurrentHashMap<>();

            @Override
            public Optional<Refusal> of(String host) {
                return Optional.ofNullable(hosts.get(host));
            }

            @Override
            public int refused(String host) {
                return hosts.merge(host, new Refusal(1, Instant.EPOCH),
                        (was, one) -> new Refusal(was.inARow() + 1, was.notBefore())).inARow();
            }

            @Override
            public void notBefore(String host, Instant until) {
                hosts.merge(host, new Refusal(1, until), (was, one) -> new Refusal(was.inARow(),
                        until.isAfter(was.notBefore()) ? until : was.notBefore()));
            }

            @Override
            public void answered(String host, Refusal seen) {
                hosts.computeIfPresent(host, (k, was) -> was.inARow() == seen.inARow() ? null : was);
            }
        };
    }
}
