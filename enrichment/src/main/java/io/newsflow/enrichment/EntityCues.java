package io.newsflow.enrichment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The words around names in one language; see {@code entity-cues-en.txt}. */
final class EntityCues {

    /** The language whose cues a language without its own file is read with. */
    static final String FALLBACK = "en";

    final Set<String> person = new HashSet<>();
    final Set<String> organisation = new HashSet<>();
    final Set<String> connector = new HashSet<>();
    final Set<String> speech = new HashSet<>();
    final Set<String> direction = new HashSet<>();
    final Set<String> nameBinder = new HashSet<>();
    final Set<String> conjunction = new HashSet<>();
    final Set<String> placeFirst = new HashSet<>();
    final Set<String> placeLast = new HashSet<>();

    static EntityCues load(String code) {
        InputStream in = EntityCues.class.getResourceAsStream("entity-cues-" + code + ".txt");
        if (in == null) {
            in = EntityCues.class.getResourceAsStream("entity-cues-" + FALLBACK + ".txt");
        }
        EntityCues cues = new EntityCues();
        boolean arabic = "ar".equals(code);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                Set<String> set = cues.set(line.substring(0, colon).strip());
                for (String word : line.substring(colon + 1).split(",")) {
                    String cue = word.strip().replace('’', '\'').toLowerCase(Locale.ROOT);
                    if (!cue.isEmpty()) {
                        set.add(arabic ? Stemmer.normalizeArabic(cue) : cue);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the entity cues of " + code, e);
        }
        return cues;
    }

    private Set<String> set(String name) {
        return switch (name) {
            case "person" -> person;
            case "organisation" -> organisation;
            case "connector" -> connector;
            case "speech" -> speech;
            case "direction" -> direction;
            case "name" -> nameBinder;
            case "conjunction" -> conjunction;
            case "place-first" -> placeFirst;
            case "place-last" -> placeLast;
            default -> throw new IllegalStateException("unknown kind of entity cue: " + name);
        };
    }
}
