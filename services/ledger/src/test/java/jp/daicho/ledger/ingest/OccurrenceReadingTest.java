package jp.daicho.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.ledger.recording.Occurrence;
import jp.daicho.schemas.AvroSerde;

/** Issue 16's fuzzing: occurrences that decode but cannot be read as one are refused with what is wrong. */
class OccurrenceReadingTest {

    final AvroSerde<ProvisionOccurred> serde = AvroSerde.of(ProvisionOccurred.class);

    ProvisionOccurred.Builder occurrence() {
        return ProvisionOccurred.newBuilder().setEventId("e-1").setDirection("PROVIDED").setPipelineId("share")
                .setOccurredAt(Instant.parse("2026-12-04T01:00:00Z")).setSubjectKey("M-0001")
                .setSubjectItems(Map.of("氏名", "山田太郎")).setDataItems(List.of("name"));
    }

    @Test
    void aStringThatIsNotUtf8IsRefusedNotRecordedWithReplacementCharacters() {
        byte[] bytes = jp.daicho.testkit.Bytes.notUtf8At(serde.encode(occurrence().setSubjectKey("M-FUZZ").build()), "FUZZ");
        ProvisionOccurred decoded = serde.decode(bytes);

        assertThat(decoded.getSubjectKey()).contains("\uFFFD");
        assertThatThrownBy(() -> LedgerListeners.occurrence(decoded)).isInstanceOfSatisfying(LedgerListeners.Unusable.class, e -> {
            assertThat(e.errorType).isEqualTo("NOT_UTF8");
            assertThat(e.getMessage()).doesNotContain("M-").contains("not valid UTF-8");
        });
    }

    @Test
    void anUnknownDirectionIsNamedAsSuch() {
        assertThatThrownBy(() -> LedgerListeners.occurrence(occurrence().setDirection("SIDEWAYS").build()))
                .isInstanceOfSatisfying(LedgerListeners.Unusable.class, e -> {
                    assertThat(e.errorType).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).isEqualTo("direction must be PROVIDED or RECEIVED");
                });
    }

    @Test
    void aJapaneseOccurrenceIsReadAsItIs() {
        Occurrence o = LedgerListeners.occurrence(serde.decode(serde.encode(occurrence().build())));

        assertThat(o.subjectItems()).containsEntry("氏名", "山田太郎");
        assertThat(o.direction()).isEqualTo(Occurrence.Direction.PROVIDED);
    }
}
