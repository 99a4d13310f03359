package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jp.daicho.testkit.SyntheticChangeEvents;

/**
 * The envelope check reads a payload's bytes itself: it must accept and refuse exactly what Jackson's parser did
 * ({@link JacksonEnvelopeCheck}), for the same reason, on every mutation of real-shaped events — cut at every byte,
 * bytes changed, removed and inserted at random (seeded), keys doubled, escaped or nested too deep, strings not UTF-8.
 * The one intended difference: it is stricter about UTF-8 (an overlong form or an encoded surrogate is refused).
 */
class EnvelopeCheckTest {

    final ChangeEventReader reader = new ChangeEventReader(2048);
    final SyntheticChangeEvents events = new SyntheticChangeEvents(16);

    record Checks(EnvelopeCheck fast, JacksonEnvelopeCheck reference) {
    }

    Checks checks(byte[] valid) throws RejectedEvent {
        ChangeEvent event = reader.read(null, valid);
        return new Checks(EnvelopeCheck.of(event), JacksonEnvelopeCheck.of(event));
    }

    /** "" when accepted, else the error type. */
    static String outcome(ThrowingCheck check) {
        try {
            check.run();
            return "";
        } catch (RejectedEvent e) {
            return e.errorType();
        }
    }

    interface ThrowingCheck {
        void run() throws RejectedEvent;
    }

    @Test
    void acceptsAndRefusesExactlyWhatJacksonDidOnMutatedEvents() throws Exception {
        var random = new Random(16);
        int compared = 0;
        int refused = 0;
        var differences = new ArrayList<String>();
        for (var table : SyntheticChangeEvents.realisticTables()) {
            for (int row = 1; row <= 3; row++) {
                byte[] valid = events.insert("shop", table, row).value().getBytes(StandardCharsets.UTF_8);
                Checks checks = checks(valid);
                for (byte[] mutated : mutations(valid, random)) {
                    String fast = outcome(() -> checks.fast().check(mutated));
                    String reference = outcome(() -> checks.reference().check(mutated));
                    compared++;
                    refused += fast.isEmpty() ? 0 : 1;
                    if (!fast.equals(reference) && !bothMalformed(fast, reference) && !stricterUtf8(fast, reference, checks, mutated)) {
                        int d = 0;
                        while (d < Math.min(valid.length, mutated.length) && valid[d] == mutated[d]) {
                            d++;
                        }
                        differences.add(table.table() + ": new '" + fast + "', Jackson '" + reference + "' at " + d + " of "
                                + mutated.length + ": " + new String(mutated, Math.max(0, d - 80), Math.min(mutated.length,
                                d + 40) - Math.max(0, d - 80), StandardCharsets.UTF_8) + " / byte " + (d < mutated.length
                                ? Integer.toHexString(mutated[d] & 0xff) : "-"));
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(refused).as("most mutations are refused").isGreaterThan(compared / 2);
        assertThat(differences).as(differences.size() + " of " + compared).isEmpty();
    }

    /**
     * A check that has learnt the shape of a valid event judges every later event exactly as a check that has not: the
     * same verdict with the same reason, over every mutation of the fuzz (a value of another kind in a slot, a key
     * changed, a source forged, bytes cut or added), and learns a shape only from what it accepted.
     */
    @Test
    void anEventOfALearntShapeIsJudgedAsByTheWholeCheck() throws Exception {
        var random = new Random(12);
        int compared = 0;
        int acceptedByShape = 0;
        for (var table : SyntheticChangeEvents.realisticTables()) {
            byte[] first = events.insert("shop", table, 1).value().getBytes(StandardCharsets.UTF_8);
            ChangeEvent event = reader.read(null, first);
            EnvelopeCheck learnt = EnvelopeCheck.of(event);
            learnt.check(first);
            assertThat(learnt.shapes()).as("the first event's shape").isOne();
            byte[] valid = events.insert("shop", table, 2).value().getBytes(StandardCharsets.UTF_8);
            for (byte[] mutated : mutations(valid, random)) {
                int shapesBefore = learnt.shapes();
                String byShape = reason(() -> learnt.check(mutated));
                String whole = reason(() -> EnvelopeCheck.of(event).check(mutated));
                assertThat(byShape).as(new String(mutated, StandardCharsets.UTF_8)).isEqualTo(whole);
                if (byShape.isEmpty() && learnt.shapes() == shapesBefore) {
                    acceptedByShape++;
                } else if (!byShape.isEmpty()) {
                    assertThat(learnt.shapes()).as("nothing learnt from a refused event").isEqualTo(shapesBefore);
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(acceptedByShape).as("the shape's path was taken, by the valid event and values changed within kind")
                .isGreaterThan(100);
    }

    /** "" when accepted, else the error type and the message. */
    static String reason(ThrowingCheck check) {
        try {
            check.run();
            return "";
        } catch (RejectedEvent e) {
            return e.errorType() + ": " + e.getMessage();
        }
    }

    /**
     * Both refused as malformed, one because it met a syntax error first (NOT_JSON), the other a structure its
     * schema lacks (NOT_A_CHANGE_EVENT): a streaming parser reports whichever it reaches first, and such an event
     * has both faults. Accepting versus refusing, or a forged source, must agree exactly.
     */
    static boolean bothMalformed(String fast, String reference) {
        var malformed = java.util.Set.of("NOT_JSON", "NOT_A_CHANGE_EVENT");
        // A syntax error anywhere makes the event not JSON, whatever else is wrong with it: Jackson's reading met the
        // source's mismatch first where a source field's value was a broken array, and stopped there.
        return malformed.contains(fast) && malformed.contains(reference)
                || fast.equals("NOT_JSON") && reference.equals("SOURCE_TOPIC_MISMATCH");
    }

    /** Jackson takes an overlong UTF-8 form for the character it spells; the new reader refuses it, saying so. */
    static boolean stricterUtf8(String fast, String reference, Checks checks, byte[] mutated) {
        if (!fast.equals("NOT_JSON") || !reference.isEmpty()) {
            return false;
        }
        try {
            checks.fast().check(mutated);
            return false;
        } catch (RejectedEvent e) {
            return e.getMessage().contains("UTF-8 sequence that encodes no character");
        }
    }

    /** Every way the fuzz of issue 16 damages an event, and more, as bytes. */
    static List<byte[]> mutations(byte[] valid, Random random) {
        var out = new ArrayList<byte[]>();
        String text = new String(valid, StandardCharsets.UTF_8);
        int payload = text.indexOf(",\"payload\":") + 11;
        out.add(valid);
        for (int cut = payload; cut < valid.length; cut++) {
            out.add(java.util.Arrays.copyOf(valid, cut));
            // cut, then the envelope closed again: the payload ends early
            byte[] closed = java.util.Arrays.copyOf(valid, cut + 1);
            closed[cut] = '}';
            out.add(closed);
        }
        byte[] alphabet = "{}[]\":,0123456789-+.eEtrufalsn \\/\u0001".getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 2000; k++) {
            int at = payload + random.nextInt(valid.length - payload);
            byte b = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            byte[] changed = valid.clone();
            changed[at] = b;
            out.add(changed);
            byte[] removed = new byte[valid.length - 1];
            System.arraycopy(valid, 0, removed, 0, at);
            System.arraycopy(valid, at + 1, removed, at, valid.length - at - 1);
            out.add(removed);
            byte[] inserted = new byte[valid.length + 1];
            System.arraycopy(valid, 0, inserted, 0, at);
            inserted[at] = b;
            System.arraycopy(valid, at, inserted, at + 1, valid.length - at);
            out.add(inserted);
        }
        String after = "\"after\":{";
        int row = text.indexOf(after, payload) + after.length();
        int firstKeyEnd = text.indexOf("\":", row);
        String firstKey = text.substring(row + 1, firstKeyEnd);
        String firstMember = text.substring(row, text.indexOf(',', firstKeyEnd));
        String[] structured = {
            text.replace(after, after + firstMember + ","), // a column twice
            text.replace(after, after + "\"\\u" + String.format("%04x", (int) firstKey.charAt(0)) + firstKey.substring(1)
                    + "\"" + firstMember.substring(firstKey.length() + 2) + ","), // the same column, escaped
            text.replace(after, "\"af\\u0074er\":{"), // an escaped key of the payload
            text.replace("\"op\":\"c\"", "\"op\":\"\\u0063\""), // an escaped op
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"op\":\"c\""),
            text.replace("\"op\":\"c\"", "\"op\":\"x\""),
            text.replace("\"op\":\"c\"", "\"ts_ms\":1,\"ts_ms\":2,\"op\":\"c\""),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"transaction\":{\"id\":\"1\",\"id\":\"2\"}"),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"transaction\":" + "[".repeat(499) + "]".repeat(499)),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"transaction\":" + "[".repeat(600) + "]".repeat(600)),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"ts_ms\":" + "9".repeat(1001)),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"ts_ms\":1.5e+10,\"x\":-0.0,\"y\":[true,false,null,\"\\n\\t\\\"\"]"),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"ts_ms\":01"),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"ts_ms\":1.,\"x\":.5"),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"x\":nul"),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"x\":\"\\x\""),
            text.replace("\"op\":\"c\"", "\"op\":\"c\",\"x\":\"\\u12\""),
            text.replace("\"op\":\"c\"", "\"op\":\"c\", \n\t\"x\" : { } "),
            text.replace("\"table\":\"", "\"table\":\"\\u0041"),
            text.replace("\"name\":\"shop\"", "\"name\":\"sh\\u006fp\""),
            text.replace("\"name\":\"shop\"", "\"name\":null"),
            text.replace("\"name\":\"shop\"", "\"name\":1"),
            text.replace("\"name\":\"shop\"", "\"name\":\"shop\",\"name\":\"shop\""),
            text + " ",
            text.substring(0, text.length() - 1) + " } ",
            text.substring(0, text.length() - 1) + ",\"x\":1}",
        };
        for (String s : structured) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aSourceThatNamesAnotherTableIsAForgedSourceHoweverItIsSpelled() throws Exception {
        byte[] valid = events.insert("shop", SyntheticChangeEvents.realisticTables().getFirst(), 1).value()
                .getBytes(StandardCharsets.UTF_8);
        Checks checks = checks(valid);
        String text = new String(valid, StandardCharsets.UTF_8);
        for (String forged : List.of(text.replace("\"table\":\"members\"", "\"table\":\"customers\""),
                text.replace("\"name\":\"shop\"", "\"name\":null"), text.replace("\"name\":\"shop\"", "\"name\":1"),
                text.replace("\"table\":\"members\"", "\"table\":\"\\u0041members\""),
                text.replace(",\"table\":\"members\"", ""))) {
            byte[] bytes = forged.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> checks.fast().check(bytes))).isEqualTo("SOURCE_TOPIC_MISMATCH")
                    .isEqualTo(outcome(() -> checks.reference().check(bytes)));
        }
        // the same source spelled with escapes is the same source
        byte[] escaped = text.replace("\"table\":\"members\"", "\"table\":\"\\u006dembers\"").getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> checks.fast().check(escaped))).isEmpty();
    }

    @Test
    void utf8ThatIsNotWellFormedIsRefused() throws Exception {
        byte[] valid = events.insert("shop", SyntheticChangeEvents.realisticTables().getFirst(), 1).value()
                .getBytes(StandardCharsets.UTF_8);
        Checks checks = checks(valid);
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = ChangeEventHandler.indexOf(valid, "@example.jp".getBytes(StandardCharsets.UTF_8));
        assertThat(at).isPositive();
        byte[][] bad = {
            {(byte) 0xc0, (byte) 0xaf}, // an overlong "/"
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate, U+D800
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xe3, (byte) 0x81}, // cut short
            {(byte) 0xe9, (byte) 0x88, (byte) 0x41}, // a kanji's third byte not a continuation
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // an overlong "/" in three bytes
            {(byte) 0xff},
        };
        for (byte[] sequence : bad) {
            byte[] value = java.util.Arrays.copyOf(valid, valid.length);
            byte[] prefix = java.util.Arrays.copyOf(valid, at);
            byte[] suffix = java.util.Arrays.copyOfRange(valid, at, valid.length);
            value = new byte[prefix.length + sequence.length + suffix.length];
            System.arraycopy(prefix, 0, value, 0, prefix.length);
            System.arraycopy(sequence, 0, value, prefix.length, sequence.length);
            System.arraycopy(suffix, 0, value, prefix.length + sequence.length, suffix.length);
            byte[] mutated = value;
            assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> checks.fast().check(mutated))
                    .satisfies(e -> assertThat(e.errorType()).isEqualTo("NOT_JSON"))
                    .withMessageContaining("UTF-8");
        }
        // and Japanese, as it is, passes
        assertThat(text).contains("佐藤");
        checks.fast().check(valid);
    }
}
