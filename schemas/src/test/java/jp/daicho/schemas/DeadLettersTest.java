package jp.daicho.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jp.daicho.events.deadletter.DeadLetter;

class DeadLettersTest {

    @Test
    void aDeadLetterPointsAtTheOriginalWithItsSizeAndDigestNeverItsBytes() {
        byte[] value = "{\"氏名\": \"山田太郎\"}".getBytes(StandardCharsets.UTF_8);
        var record = DeadLetters.of("x.dlq", "k", "shop.public.members", 2, 41, value, "classifier", "NOT_JSON", "not JSON at 1:1");

        var letter = AvroSerde.of(DeadLetter.class).decode(record.value());
        assertThat(record.topic()).isEqualTo("x.dlq");
        assertThat(letter.getSourceTopic() + "/" + letter.getSourcePartition() + "/" + letter.getSourceOffset())
                .isEqualTo("shop.public.members/2/41");
        assertThat(letter.getPayloadBytes()).isEqualTo(value.length);
        assertThat(letter.getPayloadSha256()).hasSize(64).isEqualTo(DeadLetters.sha256(value));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("山田");
        assertThat(letter.getPayload()).isNull();
        assertThat(new String(record.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("not JSON at 1:1");
        assertThat(new String(record.headers().lastHeader(Topics.DLQ_CONSUMER_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("classifier");
        assertThat(AvroSerde.of(DeadLetter.class).decode(DeadLetters.of("x.dlq", null, "t", 0, 0, null, "c", "E", "r").value())
                .getPayloadBytes()).isEqualTo(-1);
    }

    @Test
    void aDeadLetterOfOurOwnEventsKeepsTheValueForReplayInTheSameForm() {
        byte[] value = {0, 1, 2, (byte) 0xff};
        var record = DeadLetters.replayable("daicho.field-classified.v1.dlq", "d/f", "daicho.field-classified.v1", 0, 7, value,
                "inventory/daicho.field-classified.v1", "NOT_READABLE", "not a FieldClassified record");
        var letter = AvroSerde.of(DeadLetter.class).decode(record.value());
        assertThat(letter.getPayload().array()).containsExactly(value);
        assertThat(letter.getPayloadSha256()).isEqualTo(DeadLetters.sha256(value));
        assertThat(record.key()).isEqualTo("d/f");
    }
}
