package io.newsflow.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} options of the pipeline benchmark and the chaos test, with the defaults they share: the
 * repository root, the evaluation data beside it and the API key.
 */
final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /** Refuses unknown names, so that a typo does not silently run with a default. */
    static Args parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; the options are --"
                        + String.join(", --", new TreeSet<>(known)));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new Args(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return (int) number(name, fallback);
    }

    long number(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }

    /** {@code --repo}, else the nearest directory up from here that holds mvnw and samples/. */
    Path repo() {
        if (has("repo")) {
            return Path.of(get("repo", "")).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("samples"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("Run from inside the repository, or give --repo");
    }

    /** {@code --eval-data}, relative to the repository root unless absolute; by default ../shared/eval-data. */
    Path evalData(Path repo) {
        return repo.resolve(get("eval-data", "../shared/eval-data")).normalize();
    }

    /** {@code --key}, else NEWSFLOW_API_KEY, else the key ./newsflow up made in $NEWSFLOW_HOME/api-key. */
    String apiKey(Path repo) throws IOException {
        String key = get("key", System.getenv("NEWSFLOW_API_KEY"));
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        Path file = home(repo).resolve("api-key");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        throw new IllegalArgumentException("No API key: give --key, set NEWSFLOW_API_KEY, or start the stack with "
                + "./newsflow up -d, which writes " + file);
    }

    /** Where ./newsflow keeps its state: $NEWSFLOW_HOME (relative to here, as for ./newsflow), else .newsflow. */
    static Path home(Path repo) {
        String home = System.getenv("NEWSFLOW_HOME");
        return home == null || home.isBlank() ? repo.resolve(".newsflow") : Path.of(home).toAbsolutePath().normalize();
    }

    /** What a program's main does once its options are read: its exit status. */
    interface Program {
        int run(Args args) throws Exception;
    }

    /**
     * Runs a program and exits with its status: 2 for a wrong option, 1 for a failure (with the reason), and exits
     * even while pool threads of the HTTP and MongoDB clients are still alive.
     */
    static void runAndExit(String name, String[] argv, Set<String> options, Program program) {
        int status;
        try {
            status = program.run(parse(argv, options));
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            status = 2;
        } catch (Pusher.RejectedException e) {
            System.err.println("FAILED: the stack refused a push, so the test itself is wrong: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println("FAILED:");
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
