package io.newsflow.outbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/** Undoes the {@code Content-Encoding} we asked for, with the same size limit as the transfer (no zip bombs). */
final class ContentEncodings {

    static final String ACCEPTED = "gzip, deflate";

    private ContentEncodings() {
    }

    /** @param contentEncoding the header value; null or "identity" when the body is sent as is */
    static byte[] decode(byte[] body, String contentEncoding, long maxBytes) throws FetchException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (body.length == 0 || encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> inflate(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
                case "deflate" -> inflateDeflate(body, maxBytes);
                default -> throw new FetchException("the server used Content-Encoding " + contentEncoding
                        + ", which was not asked for (we accept " + ACCEPTED + ")");
            };
        } catch (ZipException e) {
            throw new FetchException("the " + encoding + " body is corrupt: " + e.getMessage(), e);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException("the " + encoding + " body could not be decompressed: " + e.getMessage(), e);
        }
    }

    private static byte[] inflate(InputStream in, long maxBytes) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1;) {
                if (out.size() + (long) n > maxBytes) {
                    throw new FetchException("the response decompresses to more than the limit of " + maxBytes
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] inflateDeflate(byte[] body, long maxBytes) throws IOException {
        // "deflate" should mean zlib-wrapped, but some servers send the raw stream.
        Inflater inflater = new Inflater(!hasZlibHeader(body));
        try {
            return inflate(new InflaterInputStream(new ByteArrayInputStream(body), inflater), maxBytes);
        } finally {
            // A stream given its own Inflater leaves ending it, and freeing its native memory, to the caller.
            inflater.end();
        }
    }

    /** RFC 1950: compression method 8, and the first two bytes as a number are a multiple of 31. */
    private static boolean hasZlibHeader(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    }
}
