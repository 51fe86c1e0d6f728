package io.newsflow.enrichment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.contract.Entity;

/**
 * People among the name-shaped runs of a Latin-script article: a run of two words or more is a person when there is
 * evidence around it (a title or role before it, a role in apposition, a verb of saying) or when its last name
 * recurs alone; a lone word that is a known person's last name then counts as a mention of that person.
 */
final class People {

    private final EntityReading r;
    private final List<PersonCandidate> personCandidates = new ArrayList<>();
    private final List<Integer> loneWords = new ArrayList<>();

    People(EntityReading reading) {
        this.r = reading;
    }

    private record PersonCandidate(int from, int to, boolean evidence) {
    }

    /** Tokens {@code from} to {@code to} (excluded) are shaped like a person's name. */
    void candidate(int from, int to, boolean evidence) {
        personCandidates.add(new PersonCandidate(from, to, evidence));
    }

    /** Token {@code k} is a capitalised word on its own, maybe a last name met again. */
    void lone(int k) {
        loneWords.add(k);
    }

    void resolve() {
        Set<String> lone = new HashSet<>();
        for (int k : loneWords) {
            lone.add(r.surface(k));
        }
        Map<String, EntityReading.Found> byLastName = new HashMap<>();
        List<PersonCandidate> single = new ArrayList<>();
        for (PersonCandidate candidate : personCandidates) {
            if (candidate.to - candidate.from == 1) {
                single.add(candidate);
                continue;
            }
            String last = r.surface(lastNameToken(candidate));
            if (candidate.evidence || lone.contains(last) || byLastName.containsKey(last)) {
                String name = r.text(candidate.from, candidate.to - 1);
                EntityReading.Found person = r.found("P:" + EntityReading.normal(name), name, Entity.PERSON, null);
                person.mention(candidate.from);
                byLastName.putIfAbsent(last, person);
            }
        }
        for (PersonCandidate candidate : single) {
            String name = r.surface(candidate.from);
            EntityReading.Found person = byLastName.get(name);
            if (person == null) {
                person = r.found("P:" + EntityReading.normal(name), name, Entity.PERSON, null);
                byLastName.put(name, person);
            }
            person.mention(candidate.from);
        }
        for (int k : loneWords) {
            EntityReading.Found person = byLastName.get(r.surface(k));
            if (person != null) {
                person.mention(k);
            }
        }
    }

    /** The last word of a name, Roman numerals aside ("Mohammed VI" is Mohammed). */
    private int lastNameToken(PersonCandidate candidate) {
        int last = candidate.to - 1;
        while (last > candidate.from && EntityReading.ROMAN_NUMERALS.contains(r.surface(last))) {
            last--;
        }
        return last;
    }
}
