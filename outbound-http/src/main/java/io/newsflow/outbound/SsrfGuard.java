package io.newsflow.outbound;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps fetches of publisher-supplied URLs away from this machine, its network and the cloud's metadata service. A
 * URL passes only when it is http or https and every address its host resolves to is public: one private answer
 * among public ones is enough to refuse, since the HTTP client may pick any of them. The check must be repeated on
 * every redirect hop. Cloud metadata hosts are refused even when private networks are allowed, as no feed lives
 * there. Thread-safe.
 *
 * <p>
 * The HTTP client resolves the host again when it connects, so a DNS server that answers differently the second
 * time (rebinding) is not stopped here; an egress proxy or network policy is the complete defence.
 */
public final class SsrfGuard {

    /** Why a URL was refused: it is never worth retrying. */
    public static class BlockedAddressException extends IOException {

        public BlockedAddressException(String message) {
            super(message);
        }
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog");
    // AWS, GCP and Azure (IPv4 and AWS IPv6), AWS ECS task metadata, Alibaba Cloud, Oracle Cloud.
    private static final Set<InetAddress> METADATA_ADDRESSES = Set.of(literal("169.254.169.254"),
            literal("fd00:ec2::254"), literal("169.254.170.2"), literal("100.100.100.200"), literal("192.0.0.192"));

    private final boolean allowPrivateNetworks;

    /** @param allowPrivateNetworks {@code newsflow.fetch.allow-private-networks}: true only for tests and labs */
    public SsrfGuard(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /**
     * @throws BlockedAddressException when the scheme is not http(s) or the host is, or resolves to, a refused
     *                                 address
     * @throws UnknownHostException    when the host does not resolve
     */
    public void check(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new BlockedAddressException("refused " + uri + ": only http and https URLs are fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new BlockedAddressException("refused " + uri + ": no host");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_HOSTS.contains(name)) {
            throw new BlockedAddressException("refused " + uri + ": " + name + " is a cloud metadata host");
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new BlockedAddressException("refused " + uri + ": " + host + " resolves to "
                        + address.getHostAddress() + ", " + refusal.get());
            }
        }
    }

    private Optional<String> refusal(InetAddress address) {
        Optional<String> metadata = METADATA_ADDRESSES.contains(address)
                ? Optional.of("a cloud metadata address")
                : embeddedIpv4(address).filter(METADATA_ADDRESSES::contains).map(a -> "a cloud metadata address");
        if (metadata.isPresent() || allowPrivateNetworks) {
            return metadata;
        }
        return nonPublic(address);
    }

    private static Optional<String> nonPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return nonPublicIpv4(address.getAddress());
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return nonPublicIpv4(embedded.get().getAddress()).map(why -> why + " (embedded in an IPv6 address)");
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique local) address");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if ((b[0] & 0xff) == 0xff) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    private static Optional<String> nonPublicIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("the unspecified (\"this network\") range 0.0.0.0/8");
        }
        if (first == 127) {
            return Optional.of("a loopback address");
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return Optional.of("a private address");
        }
        if (first == 169 && second == 254) {
            return Optional.of("a link-local address");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (first >= 224 && first < 240) {
            return Optional.of("a multicast address");
        }
        if (first >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d, which Java usually already turns
     * into IPv4), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). Each reaches
     * the IPv4 host through a translator or a dual stack, so it must pass the IPv4 rules.
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = allZero(b, 0, 10);
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static InetAddress literal(String ip) {
        try {
            // An IP literal is parsed, never looked up.
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + ip, e);
        }
    }
}
