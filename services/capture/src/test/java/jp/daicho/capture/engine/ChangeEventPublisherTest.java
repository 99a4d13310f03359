package jp.daicho.capture.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** How far behind its source capture is: read from the change event's own {@code source.ts_ms}. */
class ChangeEventPublisherTest {

    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("shop.public.会員.Envelope")
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();

    static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "shop.public._u4f1a_u54e1", schema, value);
    }

    @Test
    void theSourcesCommitTimeIsReadFromTheEnvelope() {
        var value = new Struct(ENVELOPE).put("source", new Struct(SOURCE).put("ts_ms", 1_764_720_000_000L).put("table", "会員"))
                .put("op", "c");
        assertThat(ChangeEventPublisher.sourceTime(record(ENVELOPE, value))).isEqualTo(1_764_720_000_000L);
    }

    @Test
    void aRecordThatDoesNotSayGivesNoTime() {
        assertThat(ChangeEventPublisher.sourceTime(record(null, null))).as("a tombstone").isZero();
        var noSource = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();
        assertThat(ChangeEventPublisher.sourceTime(record(noSource, new Struct(noSource).put("op", "c")))).isZero();
        assertThat(ChangeEventPublisher.sourceTime(record(Schema.STRING_SCHEMA, "heartbeat"))).isZero();
    }
}
