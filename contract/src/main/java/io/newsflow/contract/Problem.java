package io.newsflow.contract;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document: the one shape of every error every Newsflow service answers, as
 * {@code application/problem+json}. {@code errors} lists each invalid field or line, so that a client can fix all of
 * them at once; it is left out when empty, as is {@code instance}.
 *
 * @param type     {@code about:blank}: the status says what kind of problem it is
 * @param title    the status's reason phrase, the same for every occurrence of the status
 * @param status   the HTTP status
 * @param detail   what was wrong with this request, for a person
 * @param instance where it happened, when that helps
 * @param errors   each invalid field or line: a JSON pointer, field or parameter name, and what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(411, "Length Required"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /** One thing wrong with the input. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", title(status), status, detail, null, List.of());
    }

    /** A 400 that lists what is wrong field by field. */
    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("about:blank", title(400), 400, detail, null, errors);
    }

    /**
     * The reason phrase of RFC 9110 for a status, and for a status it does not name, the class's name ("Client
     * Error", "Server Error"): every service answers an unusual status the same way, never with a null title.
     */
    public static String title(int status) {
        String known = TITLES.get(status);
        if (known != null) {
            return known;
        }
        return status >= 400 && status < 500 ? "Client Error"
                : status >= 500 && status < 600 ? "Server Error" : "Error";
    }
}
