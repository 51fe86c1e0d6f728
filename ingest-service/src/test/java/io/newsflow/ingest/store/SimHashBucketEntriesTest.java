package io.newsflow.ingest.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.UUID;

import org.bson.BsonBinarySubType;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import io.newsflow.ingest.store.SimHashBuckets.Candidate;

/** A bucket entry's two shapes and their edges; nothing but the codec, no server. */
class SimHashBucketEntriesTest {

    private static final String ID = "0123456789abcdef01234567";

    @Test
    void writesAnIngestIdAsTwentyFourBytesInAFixedLayout() {
        Object entry = new Candidate(ID, 0x8000_0000_0000_0001L, 0x1_0203L).entry(true);
        byte[] expected = HexFormat.of().parseHex(ID + "8000000000000001" + "00010203");
        assertEquals(BsonBinarySubType.BINARY.getValue(), ((Binary) entry).getType());
        assertArrayEquals(expected, ((Binary) entry).getData());
    }

    @Test
    void readsBackEveryFieldOfEitherShapeIncludingTheSignBitAndSecondsPastTwoToTheThirtyOne() {
        for (boolean compact : new boolean[] {true, false}) {
            for (long listedAt : new long[] {0, 1_780_000_000L, 0x8000_0000L, 0xffff_ffffL}) {
                Candidate candidate = new Candidate(ID, -2L, listedAt);
                assertEquals(candidate, Candidate.parse(candidate.entry(compact)), compact + " " + listedAt);
            }
        }
    }

    @Test
    void writesAsTextWhatBinaryCannotHoldOrWhatCompactEntriesAreOffFor() {
        assertEquals("0123456789ABCDEF01234567 5 7", new Candidate(ID.toUpperCase(), 5, 7).entry(true));
        assertEquals("bucket-1 5 7", new Candidate("bucket-1", 5, 7).entry(true));
        assertEquals(ID + " 5 -1", new Candidate(ID, 5, -1).entry(true));
        assertEquals(ID + " 5 4294967296", new Candidate(ID, 5, 0x1_0000_0000L).entry(true));
        assertEquals(ID + " 5 7", new Candidate(ID, 5, 7).entry(false));
        // Read back as they were, upper case included.
        assertEquals(new Candidate(ID.toUpperCase(), 5, 7), Candidate.parse("0123456789ABCDEF01234567 5 7"));
    }

    @Test
    void skipsEntriesOfNoKnownShape() {
        assertNull(Candidate.parse("not an entry"));
        assertNull(Candidate.parse(ID + " 5"));
        assertNull(Candidate.parse(ID + " xyz 7"));
        assertNull(Candidate.parse(42));
        assertNull(Candidate.parse(null));
        assertNull(Candidate.parse(new Binary(new byte[16])));
        assertNull(Candidate.parse(new Binary(BsonBinarySubType.UUID_STANDARD, new byte[24])));
        assertNull(Candidate.parse(UUID.randomUUID()));
    }
}
