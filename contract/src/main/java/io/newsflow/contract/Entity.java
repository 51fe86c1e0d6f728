package io.newsflow.contract;

import java.util.List;

/**
 * A person, organisation or place an article names.
 *
 * @param name    canonical name in the article's language ({@code Israël}, {@code Forces Armées Royales})
 * @param type    {@link #PERSON}, {@link #ORGANIZATION} or {@link #LOCATION}
 * @param count   mentions in title and body, aliases included
 * @param country ISO 3166-1 alpha-2 code of a place's country; null otherwise or when unknown
 * @param aliases other names the article uses for it, such as its acronym ({@code FAR}); never null
 */
public record Entity(String name, String type, int count, String country, List<String> aliases) {

    public static final String PERSON = "PERSON";
    public static final String ORGANIZATION = "ORGANIZATION";
    public static final String LOCATION = "LOCATION";

    public Entity {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
