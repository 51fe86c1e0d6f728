package io.newsflow.enrichment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * The reading of one article for {@link EntityExtractor}: its tokens, the entities found so far, and the tests on
 * single tokens that every part of the reading ({@link LatinNames}, {@link Acronyms}, {@link People},
 * {@link ArabicNames}) shares. Lives for one call.
 */
final class EntityReading {

    static final int MAX_NAME_WORDS = 4;
    static final Set<String> ROMAN_NUMERALS = Set.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
            "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI");

    final EntityLanguage lang;
    final EntityCues cues;
    final TextTokenizer.Tokens t;
    final String source;
    /** Tokens already read as part of a name (an acronym's long form, an Arabic person), not to be read again. */
    final boolean[] consumed;
    /** The entities found, by their type and normalised name, in the order first found. */
    final Map<String, Found> byKey = new LinkedHashMap<>();

    EntityReading(EntityLanguage lang, TextTokenizer.Tokens tokens) {
        this.lang = lang;
        this.cues = lang.cues;
        this.t = tokens;
        this.source = tokens.source;
        this.consumed = new boolean[tokens.size];
    }

    /** One entity as mentions accumulate. */
    static final class Found {
        final String name;
        final String type;
        final String country;
        final Set<String> aliases = new LinkedHashSet<>(2);
        int count;
        int first = Integer.MAX_VALUE;

        Found(String name, String type, String country) {
            this.name = name;
            this.type = type;
            this.country = country;
        }

        void mention(int token) {
            count++;
            first = Math.min(first, token);
        }
    }

    void place(Gazetteer.Place place, int token) {
        found("L:" + place.country() + ':' + place.name(), place.name(), Entity.LOCATION, place.country())
                .mention(token);
    }

    Found found(String key, String name, String type, String country) {
        return byKey.computeIfAbsent(key, any -> new Found(name, type, country));
    }

    List<Entity> entities() {
        List<Found> ranked = new ArrayList<>();
        for (Found entity : byKey.values()) {
            if (entity.count > 0) {
                ranked.add(entity);
            }
        }
        ranked.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count)
                : Integer.compare(a.first, b.first));
        List<Entity> entities = new ArrayList<>(ranked.size());
        for (Found entity : ranked) {
            List<String> aliases = new ArrayList<>(entity.aliases);
            aliases.remove(entity.name);
            entities.add(new Entity(entity.name, entity.type, entity.count, entity.country, aliases));
        }
        return entities;
    }

    boolean capitalised(int k) {
        return Character.isUpperCase(source.codePointAt(t.start[k]));
    }

    boolean connector(int k) {
        return !capitalised(k) && cues.connector.contains(t.lower[k]);
    }

    boolean personCue(int k) {
        return cues.person.contains(t.lower[k]) || cues.person.contains(lang.profile.fold(t.lower[k]));
    }

    boolean organisationCue(int k) {
        return cues.organisation.contains(t.lower[k]) || cues.organisation.contains(lang.profile.fold(t.lower[k]));
    }

    boolean isCue(int k) {
        String word = t.lower[k];
        return personCue(k) || organisationCue(k) || cues.speech.contains(word) || cues.direction.contains(word)
                || cues.connector.contains(word) || cues.placeFirst.contains(word) || cues.placeLast.contains(word);
    }

    String surface(int k) {
        return source.substring(t.start[k], t.end[k]);
    }

    /** The text from token {@code from} to token {@code last}, with its spacing made single. */
    String text(int from, int last) {
        return TextTokenizer.singleSpaced(source.substring(t.start[from], t.end[last]));
    }

    int nextNonSpace(int from) {
        int i = from;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
