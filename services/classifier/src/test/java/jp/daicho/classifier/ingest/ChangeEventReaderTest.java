package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jp.daicho.testkit.SyntheticChangeEvents;

class ChangeEventReaderTest {

    final ChangeEventReader reader = new ChangeEventReader(16);
    final SyntheticChangeEvents events = new SyntheticChangeEvents(1);
    final SyntheticChangeEvents.Table members = SyntheticChangeEvents.realisticTables().getFirst();

    @Test
    void readsTheDebeziumEnvelopeWithSqlTypesAndKey() throws Exception {
        var e = events.insert("shop", members, 7);

        ChangeEvent event = reader.read(bytes(e.key()), bytes(e.value()));

        assertThat(event.schema().datasetId()).isEqualTo("shop.public.members");
        assertThat(event.schema().columns()).extracting(DatasetSchema.Column::name)
                .containsExactly("id", "氏名", "フリガナ", "email", "電話番号", "郵便番号", "住所", "plan");
        assertThat(event.schema().columns().getFirst().primaryKey()).isTrue();
        assertThat(event.schema().columns().get(1).sqlType()).isEqualTo("VARCHAR");
        assertThat(event.row()).containsEntry("email", "user7@example.jp");
    }

    @Test
    void cutsHugeValues() throws Exception {
        var row = new java.util.LinkedHashMap<String, Object>();
        row.put("id", 1);
        row.put("氏名", "山".repeat(100_000));
        var e = SyntheticChangeEvents.event("shop", new SyntheticChangeEvents.Table("public", "members",
                members.columns().subList(0, 2)), row);

        assertThat(reader.read(null, bytes(e.value())).row().get("氏名")).hasSize(16);
    }

    @Test
    void theFingerprintChangesExactlyWhenTheColumnsDo() throws Exception {
        var one = reader.read(null, bytes(events.insert("shop", members, 1).value())).schema();
        var two = reader.read(null, bytes(events.insert("shop", members, 2).value())).schema();
        var narrower = new SyntheticChangeEvents.Table("public", "members", members.columns().subList(0, 4));
        var three = reader.read(null, bytes(events.insert("shop", narrower, 3).value())).schema();

        assertThat(one.fingerprint()).isEqualTo(two.fingerprint()).isNotEqualTo(three.fingerprint());
    }

    @Test
    void snapshotAndStreamingSpellingsOfATypeAreOneSchemaVersion() throws Exception {
        var serial = new SyntheticChangeEvents.Table("public", "t", java.util.List.of(
                new SyntheticChangeEvents.Column("id", "int64", "BIGSERIAL", i -> i)));
        var int8 = new SyntheticChangeEvents.Table("public", "t", java.util.List.of(
                new SyntheticChangeEvents.Column("id", "int64", "INT8", i -> i)));

        assertThat(reader.read(null, bytes(events.insert("shop", serial, 1).value())).schema().fingerprint())
                .isEqualTo(reader.read(null, bytes(events.insert("shop", int8, 2).value())).schema().fingerprint());
    }

    @Test
    void rejectsBrokenJsonWithALocationAndWithoutTheContent() {
        assertThatThrownBy(() -> reader.read(null, bytes("{\"payload\": 山田太郎 taro@example.jp")))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("山田")
                .hasMessageNotContaining("taro")
                .extracting(e -> ((RejectedEvent) e).errorType()).isEqualTo("NOT_JSON");
    }

    @Test
    void rejectsJsonThatIsNotAChangeEvent() {
        assertThatThrownBy(() -> reader.read(null, bytes("{\"name\":\"山田太郎\"}")))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("payload.op")
                .hasMessageNotContaining("山田");
    }

    @Test
    void rejectsConfluentAvroWithHowToFix() {
        assertThatThrownBy(() -> reader.read(null, new byte[] {0, 0, 0, 0, 1, 2, 3}))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("daicho.classifier.schema-registry.url");
    }

    @Test
    void readsEventsWrittenWithoutSchemas() throws Exception {
        String schemaless = "{\"before\":null,\"after\":{\"id\":1,\"mail\":\"a@example.jp\"},"
                + "\"source\":{\"name\":\"crm\",\"db\":\"crm\",\"table\":\"contacts\"},\"op\":\"c\"}";

        var event = reader.read(null, bytes(schemaless));

        assertThat(event.schema().datasetId()).isEqualTo("crm.crm.contacts");
        assertThat(event.schema().columns()).extracting(DatasetSchema.Column::sqlType).containsExactly("number", "string");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
