package jp.daicho.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Every stored field of a record is covered by its hash: changing any one of them shows. */
class HashChainTest {

    static final ChainedRecord RECORD = new ChainedRecord(7, "PROVISION", "ev-7", "partner-share", "CONSENT", "EACH_TIME",
            Instant.parse("2026-11-01T00:00:00.123Z"), "株式会社サンプル商事", "東京都千代田区", "代表取締役 佐藤", "JP", "name,email",
            "form#1", null, null, "会員番号,氏名", "ab12", "c2VhbGVk", "k1", null, 3, Instant.parse("2026-11-01T00:00:01Z"),
            HashChain.GENESIS, null);

    @Test
    void changingAnyFieldChangesTheHash() throws Exception {
        var chain = new HashChain();
        String original = chain.hash(HashChain.GENESIS, RECORD);
        assertThat(chain.hash(HashChain.GENESIS, RECORD)).isEqualTo(original);
        RecordComponent[] components = ChainedRecord.class.getRecordComponents();
        for (RecordComponent changed : components) {
            if (changed.getName().equals("hash") || changed.getName().equals("prevHash")) {
                continue; // the hash itself, and the link, which is hashed as the chain's input
            }
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object value = components[i].getAccessor().invoke(RECORD);
                values[i] = components[i] == changed ? other(value, components[i].getType()) : value;
            }
            var altered = (ChainedRecord) ChainedRecord.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values);
            assertThat(chain.hash(HashChain.GENESIS, altered)).as(changed.getName()).isNotEqualTo(original);
        }
        assertThat(chain.hash("f".repeat(64), RECORD)).as("the previous hash").isNotEqualTo(original);
    }

    /**
     * The canonical form is fixed: hashes made by earlier versions must still verify. It is the previous hash,
     * then each field after a 0x1F separator as UTF-8 text (numbers and epoch milliseconds in decimal, the flag
     * as true/false, a null as one 0 byte).
     */
    @Test
    void theCanonicalFormIsTheDocumentedOne() throws Exception {
        var r = RECORD;
        Object[] fields = {r.seq(), r.kind(), r.eventId(), r.pipelineId(), r.legalBasis(), r.recordMode(),
                r.occurredAt().toEpochMilli(), r.counterpartyName(), r.counterpartyAddress(), r.counterpartyRepresentative(),
                r.counterpartyCountry(), r.dataItems(), r.consentReference(), r.acquisition(), r.optOutPublished(),
                r.subjectItemNames(), r.subjectPseudonym(), r.subjectCipher(), r.keyId(), r.retentionGroup(), r.retentionYears(),
                r.recordedAt().toEpochMilli()};
        var text = new StringBuilder(HashChain.GENESIS);
        for (Object field : fields) {
            text.append('\u001f').append(field == null ? "\u0000" : field.toString());
        }
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(new HashChain().hash(HashChain.GENESIS, r)).isEqualTo(expected);
    }

    private static Object other(Object value, Class<?> type) {
        if (type == long.class) {
            return (long) value + 1;
        }
        if (type == int.class) {
            return (int) value + 1;
        }
        if (type == Instant.class) {
            return ((Instant) value).plusMillis(1);
        }
        if (type == Boolean.class) {
            return value == null ? Boolean.TRUE : !(Boolean) value;
        }
        return value == null ? "" : value + "x";
    }
}
