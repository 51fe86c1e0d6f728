package io.newsflow.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches feeds and pages the way a well-behaved crawler does: it says who it is, asks for compressed and
 * conditional responses, keeps to a few connections per host, and stays away from a host that said it is overloaded.
 * Every URL, including each redirect target, must pass the {@link SsrfGuard} first, which is why redirects are
 * followed here and not by the HTTP client. One deadline covers the whole fetch, body included. Thread-safe; one
 * instance is meant to serve the whole service, so that the per-host limits hold across callers.
 */
public final class PoliteFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> OVERLOADED = Set.of(429, 503);
    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, "
            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/html;q=0.9, */*;q=0.8";

    private final FetchSettings settings;
    private final SsrfGuard guard;
    private final Clock clock;
    private final HostBackoff backoff;
    private final HttpClient client;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    public PoliteFetcher(FetchSettings settings) {
        this(settings, HostRefusals.inMemory());
    }

    /**
     * @param refusals where hosts that answered 429 or 503 are remembered: shared by every instance of a service, a
     *                 host that refused one is left alone by all
     */
    public PoliteFetcher(FetchSettings settings, HostRefusals refusals) {
        this(settings, refusals, Clock.systemUTC());
    }

    /** @param clock decides backoff times, so tests can move past them */
    PoliteFetcher(FetchSettings settings, Clock clock) {
        this(settings, HostRefusals.inMemory(), clock);
    }

    PoliteFetcher(FetchSettings settings, HostRefusals refusals, Clock clock) {
        this.settings = settings;
        this.guard = new SsrfGuard(settings.allowPrivateNetworks());
        this.clock = clock;
        this.backoff = new HostBackoff(refusals, clock);
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 on purpose: the h2c upgrade dance on plain http confuses some origin servers, and with
                // two requests per host there is nothing for HTTP/2 multiplexing to win.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Fetches {@code url}, following redirects. Any HTTP status is returned as a result; a 429 or 503 also starts
     * or extends the host's backoff.
     *
     * @param previous validators from the last fetch of this URL, for a conditional request; null for none
     * @throws SsrfGuard.BlockedAddressException when the URL or a redirect target is refused: do not retry
     * @throws FetchException                    on timeout, too large a body, too many redirects, an unreachable or
     *                                           backed-off host: retry later
     */
    public FetchResult fetch(URI url, Validators previous) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        URI current = url;
        for (int redirects = 0;; redirects++) {
            checkGuard(current);
            String host = current.getHost();
            // One read of the refusals per request; only a host with a refusal on record is written back to.
            Optional<HostRefusals.Refusal> refusal = backoff.standing(host);
            Instant notBefore = refusal.map(HostRefusals.Refusal::notBefore).orElse(Instant.EPOCH);
            if (clock.instant().isBefore(notBefore)) {
                throw new FetchException("backing off until " + notBefore + ": " + host
                        + " answered 429 or 503 before");
            }
            HttpResponse<byte[]> response = exchange(current, previous, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(status) || location.isEmpty()) {
                return result(response, current, previous, refusal);
            }
            if (refusal.isPresent()) {
                backoff.answered(host, refusal.get());
            }
            if (redirects == settings.maxRedirects()) {
                throw new FetchException("more than " + settings.maxRedirects() + " redirects from " + url
                        + ", the last one to " + location.get());
            }
            current = resolve(current, location.get());
        }
    }

    /**
     * When {@code host} may be fetched again: in the past (at the latest {@link Instant#EPOCH}) unless it answered
     * 429 or 503 lately. Callers use it to reschedule instead of hitting the "backing off" failure.
     */
    public Instant notBefore(String host) {
        return backoff.notBefore(host);
    }

    private void checkGuard(URI uri) throws IOException {
        try {
            guard.check(uri);
        } catch (UnknownHostException e) {
            throw new FetchException("cannot resolve the host of " + uri, e);
        }
    }

    private HttpResponse<byte[]> exchange(URI uri, Validators previous, long deadline)
            throws FetchException, InterruptedException {
        Semaphore slot = slots.computeIfAbsent(uri.getHost().toLowerCase(Locale.ROOT),
                host -> new Semaphore(settings.perHostConcurrency(), true));
        if (!slot.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
            throw timedOut(uri, "waiting for one of the " + settings.perHostConcurrency() + " connections to "
                    + uri.getHost());
        }
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> response = null;
        try {
            response = client.sendAsync(request(uri, previous, deadline), info -> {
                body.set(new CappedBody(settings.maxBytes(),
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
                return body.get();
            });
            return response.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timedOut(uri, "reading the response");
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        } catch (CancellationException e) {
            throw new FetchException("the fetch of " + uri + " was cancelled", e);
        } finally {
            if (response != null && !response.isDone()) {
                response.cancel(true);
                Optional.ofNullable(body.get()).ifPresent(CappedBody::cancel);
            }
            slot.release();
        }
    }

    private HttpRequest request(URI uri, Validators previous, long deadline) throws FetchException {
        long nanos = remaining(deadline);
        if (nanos <= 0) {
            throw timedOut(uri, "following redirects");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(nanos))
                .header("User-Agent", settings.userAgent())
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", ContentEncodings.ACCEPTED);
        if (previous != null && previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous != null && previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        return request.build();
    }

    private FetchResult result(HttpResponse<byte[]> response, URI finalUrl, Validators previous,
            Optional<HostRefusals.Refusal> refusedBefore)
            throws FetchException {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        String host = finalUrl.getHost();
        Duration retryAfter = null;
        if (OVERLOADED.contains(status)) {
            retryAfter = headers.firstValue("Retry-After").flatMap(backoff::retryAfter).orElse(null);
            backoff.refused(host, retryAfter);
        } else if (refusedBefore.isPresent()) {
            backoff.answered(host, refusedBefore.get());
        }
        boolean notModified = status == 304;
        byte[] body = notModified ? new byte[0]
                : ContentEncodings.decode(response.body(), headers.firstValue("Content-Encoding").orElse(null),
                        settings.maxBytes());
        String contentTypeHeader = headers.firstValue("Content-Type").orElse(null);
        String contentType = contentTypeHeader == null ? null
                : contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        // A 304 may leave out the validators, which then still hold.
        String etag = headers.firstValue("ETag")
                .orElse(notModified && previous != null ? previous.etag() : null);
        String lastModified = headers.firstValue("Last-Modified")
                .orElse(notModified && previous != null ? previous.lastModified() : null);
        return new FetchResult(status, finalUrl, body, contentType, contentTypeHeader, etag,
                lastModified, notModified, retryAfter, headers.allValues("Link"));
    }

    private FetchException timedOut(URI uri, String doing) {
        return new FetchException("timed out after " + settings.requestTimeout() + " " + doing + " of " + uri);
    }

    private FetchException failure(URI uri, Throwable cause) {
        // The HTTP client may wrap what the body subscriber failed with.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FetchException fetch) {
                return new FetchException(fetch.getMessage() + ": " + uri, fetch);
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException("timed out after " + settings.connectTimeout() + " connecting to " + uri,
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(uri, "waiting for the response");
        }
        if (cause instanceof ConnectException) {
            return new FetchException("cannot connect to " + uri + ": " + cause.getMessage(), cause);
        }
        return new FetchException("the fetch of " + uri + " failed: " + cause, cause);
    }

    /** A relative {@code Location} is resolved against the URL that answered with it. */
    private static URI resolve(URI base, String location) throws FetchException {
        URI target = Urls.resolve(base, location);
        if (target == null) {
            throw new FetchException("cannot follow the redirect from " + base + " to " + location
                    + ": not a URL");
        }
        return target;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
