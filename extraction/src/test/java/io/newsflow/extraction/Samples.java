package io.newsflow.extraction;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code samples/} folder, looked up from the working directory upwards (Maven runs tests from the
 * module's directory, an IDE from the root). The engine's tests keep this small lookup instead of depending on
 * {@code local-servers}, which would bring a broker, a database and Quarkus's test kit into a library's tests.
 */
final class Samples {

    static final String SAMPLE = "bladi-maroc-israel-cooperation-militaire";

    private Samples() {
    }

    static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples");
            if (Files.isRegularFile(candidate.resolve(SAMPLE + ".txt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No samples/" + SAMPLE + ".txt above " + Path.of("").toAbsolutePath());
    }
}
