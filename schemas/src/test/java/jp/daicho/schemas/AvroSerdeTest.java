package jp.daicho.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import jp.daicho.events.inventory.FieldClassified;

class AvroSerdeTest {

    final AvroSerde<FieldClassified> serde = AvroSerde.of(FieldClassified.class);

    @Test
    void roundTripsJapaneseText() {
        var event = FieldClassified.newBuilder()
                .setDatasetId("demo.public.会員").setColumn("氏名").setSchemaFingerprint("abc")
                .setItem("name").setSubject("customer").setSensitive(false).setConfidence(0.9)
                .setEvidence(List.of("column-name:氏名", "value-shape:山田**"))
                .setSampleCount(3).setClassifierVersion("1").setClassifiedAt(Instant.ofEpochMilli(1000))
                .build();

        assertThat(serde.decode(serde.encode(event))).isEqualTo(event);
    }

    @Test
    void garbageGivesAClearErrorWithoutEchoingTheBytes() {
        byte[] garbage = "山田太郎 yamada@example.jp".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.decode(garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("jp.daicho.events.inventory.FieldClassified")
                .hasMessageNotContaining("山田")
                .hasMessageNotContaining("yamada");
    }
}
