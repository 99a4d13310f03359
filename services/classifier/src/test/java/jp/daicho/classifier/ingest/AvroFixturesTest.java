package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.daicho.classification.FieldClassifier;
import jp.daicho.testkit.SchemaRegistryServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Avro change events that Debezium's PostgreSQL connector and a real Avro converter wrote (recorded by
 * {@code DebeziumAvroIT}; origin in src/test/resources/debezium/ORIGIN.md), read through a Confluent-compatible
 * registry: the snapshot read, an update, a delete and its tombstone of a table with Japanese column names.
 */
class AvroFixturesTest {

    static final String TOPIC = "avroc.public._u4f1a_u54e1";
    static final List<String> RAW = List.of("山田花子", "hanako", "yamada", "090-1234-5678", "1990");

    SchemaRegistryServer server;
    ChangeEventReader reader;

    @BeforeEach
    void registry() throws IOException {
        server = SchemaRegistryServer.start();
        var recorded = JsonMapper.builder().build().readTree(fixture("schemas.json"));
        for (var entry : recorded.properties()) {
            // Registered in the recorded order, so each schema gets the id the events carry.
            assertThat(server.register(entry.getValue().toString())).isEqualTo(Integer.parseInt(entry.getKey()));
        }
        reader = new ChangeEventReader(2048, new ConfluentSchemaRegistry(server.url(), "", "", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSnapshotReadGivesTheTableWithItsJapaneseColumnsTypesAndKey() throws Exception {
        var event = reader.read(fixture("1.key.bin"), fixture("1.value.bin"));

        var schema = event.schema();
        assertThat(schema.datasetId()).isEqualTo("avroc.public.会員");
        assertThat(schema.columns()).extracting(DatasetSchema.Column::name)
                .containsExactly("id", "氏名", "メール", "電話番号", "生年月日", "登録日時", "ポイント", "顔写真", "age");
        assertThat(schema.columns()).extracting(DatasetSchema.Column::sqlType)
                .containsExactly("INT4", "TEXT", "TEXT", "TEXT", "DATE", "TIMESTAMPTZ", "NUMERIC", "BYTEA", "INT2");
        assertThat(schema.columns()).filteredOn(DatasetSchema.Column::primaryKey).extracting(DatasetSchema.Column::name)
                .containsExactly("id");
        assertThat(schema.columns()).filteredOn(c -> !c.optional()).extracting(DatasetSchema.Column::name)
                .containsExactly("id", "氏名");
        assertThat(event.row()).containsEntry("メール", "hanako.yamada@example.jp").containsEntry("氏名", "山田花子")
                .doesNotContainKey("顔写真"); // binary columns are never sampled
    }

    @Test
    void theSameTableGivesTheSameSchemaVersionAsItsJsonEventsWould() throws Exception {
        var read = reader.read(fixture("1.key.bin"), fixture("1.value.bin")).schema();
        var update = reader.read(fixture("2.key.bin"), fixture("2.value.bin")).schema();
        var delete = reader.read(fixture("3.key.bin"), fixture("3.value.bin"));

        assertThat(update.fingerprint()).isEqualTo(read.fingerprint());
        assertThat(delete.schema().fingerprint()).isEqualTo(read.fingerprint());
        assertThat(delete.row()).isNull();
        // The snapshot's envelope says SERIAL where streaming says INT4: two schema ids, one schema version.
        assertThat(fixture("1.value.bin")[4]).isNotEqualTo(fixture("2.value.bin")[4]);
        assertThat(server.lookups()).as("each schema id asked once").isEqualTo(3);
    }

    @Test
    void theHandlerClassifiesTheTableAndPublishesNoValue() throws Exception {
        var out = new DebeziumFixturesTest.Everything();
        var handler = new ChangeEventHandler(reader, new FieldClassifier(), out, 1);
        for (int n = 1; n <= 4; n++) {
            handler.handle(TOPIC, 0, n, fixture(n + ".key.bin"), n == 4 ? null : fixture(n + ".value.bin"));
        }

        assertThat(out.recorded.rejected).isEmpty();
        assertThat(out.recorded.observed).extracting(DatasetSchema::datasetId).containsExactly("avroc.public.会員");
        assertThat(out.recorded.classified).contains("メール=email", "電話番号=phone", "氏名=name", "生年月日=birth_date");
        assertThat(RAW).allSatisfy(raw -> assertThat(out.text.toString()).doesNotContain(raw));
    }

    @Test
    void truncatedOrForeignBytesAreRejectedWithoutQuotingThem() throws Exception {
        byte[] value = fixture("1.value.bin");
        assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> reader.read(null, Arrays.copyOf(value, 40)))
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("NOT_AVRO"))
                .withMessageContaining("writer schema, id 2")
                .satisfies(e -> assertThat(RAW).allSatisfy(raw -> assertThat(e.getMessage()).doesNotContain(raw)));

        byte[] unknownId = value.clone();
        unknownId[4] = 99;
        assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> reader.read(null, unknownId))
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("UNKNOWN_SCHEMA"));

        byte[] keyAsValue = fixture("1.key.bin"); // a record, but not an envelope
        assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> reader.read(null, keyAsValue))
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("NOT_A_CHANGE_EVENT"));
    }

    @Test
    void aSchemaWithReferencesIsReadWithTheSchemasItReferences() throws Exception {
        String value = """
                {"type":"record","name":"Value","namespace":"shop.public.members","fields":[
                 {"name":"id","type":"int"},{"name":"email","type":["null","string"]}]}""";
        String source = """
                {"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql","fields":[
                 {"name":"name","type":"string"},{"name":"schema","type":"string"},{"name":"table","type":"string"}]}""";
        String envelope = """
                {"type":"record","name":"Envelope","namespace":"shop.public.members","fields":[
                 {"name":"before","type":["null","shop.public.members.Value"]},
                 {"name":"after","type":["null","shop.public.members.Value"]},
                 {"name":"source","type":"io.debezium.connector.postgresql.Source"},{"name":"op","type":"string"}]}""";
        server.register("shop.public.members.Value", value);
        server.register("io.debezium.connector.postgresql.Source", source);
        int id = server.register("shop.public.members-value", envelope,
                new SchemaRegistryServer.Reference("shop.public.members.Value", "shop.public.members.Value", 1),
                new SchemaRegistryServer.Reference("io.debezium.connector.postgresql.Source", "io.debezium.connector.postgresql.Source", 1));
        // after = Value{id 7, email "a@example.jp"}, source = {shop, public, members}, op "c"
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.write(new byte[] {0, 0, 0, 0, (byte) id});
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        var parser = new org.apache.avro.Schema.Parser();
        parser.parse(value);
        parser.parse(source);
        var schema = parser.parse(envelope);
        var after = new org.apache.avro.generic.GenericData.Record(schema.getField("after").schema().getTypes().get(1));
        after.put("id", 7);
        after.put("email", "a@example.jp");
        var src = new org.apache.avro.generic.GenericData.Record(schema.getField("source").schema());
        src.put("name", "shop");
        src.put("schema", "public");
        src.put("table", "members");
        var record = new org.apache.avro.generic.GenericData.Record(schema);
        record.put("after", after);
        record.put("source", src);
        record.put("op", "c");
        new org.apache.avro.generic.GenericDatumWriter<>(schema).write(record, encoder);
        encoder.flush();

        var event = reader.read(null, bytes.toByteArray());

        assertThat(event.schema().datasetId()).isEqualTo("shop.public.members");
        assertThat(event.schema().columns()).extracting(DatasetSchema.Column::name).containsExactly("id", "email");
        assertThat(event.row()).containsEntry("email", "a@example.jp");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = AvroFixturesTest.class.getResourceAsStream("/debezium/avro/" + name)) {
            return in.readAllBytes();
        }
    }
}
