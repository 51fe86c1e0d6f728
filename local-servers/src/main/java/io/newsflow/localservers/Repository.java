package io.newsflow.localservers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the repository's sample article and the evaluation data of ../shared. Tests run from a module's
 * directory under Maven and from the root in an IDE, so both are looked up from the working directory upwards.
 */
public final class Repository {

    /** The demo article: a real French news page as text, with the facts a person read off it. */
    public static final String SAMPLE = "bladi-maroc-israel-cooperation-militaire";

    private Repository() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("samples").resolve(SAMPLE + ".txt"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No samples/" + SAMPLE + ".txt above " + Path.of("").toAbsolutePath());
    }

    public static Path samples() {
        return root().resolve("samples");
    }

    /** A folder of {@code shared/eval-data} beside the clone (or above it), when it is there. */
    public static Optional<Path> evaluationData(String relative) {
        for (Path dir = root(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/eval-data").resolve(relative);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
