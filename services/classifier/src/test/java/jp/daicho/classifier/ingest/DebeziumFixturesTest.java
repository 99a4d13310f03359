package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.classification.Classification;
import jp.daicho.classification.FieldClassifier;

/**
 * Change events Debezium itself wrote, from its own test resources (origin: src/test/resources/debezium/ORIGIN.md),
 * are read, or dead-lettered with a reason; and nothing of their rows — nor of the statement a MySQL event may
 * carry in {@code source.query} — reaches anything the classifier publishes.
 */
class DebeziumFixturesTest {

    static final String TOPIC = "mysql-server-1.inventory.customers";
    static final List<String> RAW = List.of("Anne", "Kretchmar", "annek@noanswer.org", "noanswer", "INSERT INTO");

    /** Everything published, as text. */
    static final class Everything implements Publications {
        final StringBuilder text = new StringBuilder();
        final ChangeEventHandlerTest.Recorded recorded = new ChangeEventHandlerTest.Recorded();

        @Override
        public void datasetObserved(String sourceTopic, DatasetSchema schema) {
            text.append(sourceTopic).append(schema).append('\n');
            recorded.datasetObserved(sourceTopic, schema);
        }

        @Override
        public void datasetDropped(String sourceTopic, DatasetSchema lastKnown) {
            text.append(lastKnown).append('\n');
        }

        @Override
        public void fieldClassified(DatasetSchema schema, String column, Classification c) {
            // what a decision carries in words; its confidence is a computed number, whose digits may spell anything
            // (0.9367158199… holds "1990")
            text.append(column).append(c.item()).append(c.subject()).append(c.sensitive()).append(c.evidence()).append('\n');
            recorded.fieldClassified(schema, column, c);
        }

        @Override
        public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
            text.append(reason.errorType()).append(reason.getMessage()).append('\n');
            recorded.rejected(topic, partition, offset, value, reason);
        }
    }

    final Everything out = new Everything();
    final ChangeEventHandler handler = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out, 1);

    @Test
    void aMySqlEventWithSchemasIsReadAndItsQueryGoesNowhere() throws IOException {
        handler.handle(TOPIC, 0, 0, null, fixture("mysql-with-schema.json"));

        assertThat(out.recorded.observed).singleElement().satisfies(schema -> {
            assertThat(schema.datasetId()).isEqualTo("mysql-server-1.inventory.customers");
            assertThat(schema.database()).isEqualTo("inventory");
            assertThat(schema.columns()).extracting(DatasetSchema.Column::name).containsExactly("id", "first_name", "last_name", "email");
        });
        assertThat(out.recorded.classified).contains("email=email", "first_name=name", "last_name=name");
        assertThat(out.recorded.rejected).isEmpty();
        assertThat(out.text.toString()).doesNotContain(RAW);
    }

    @Test
    void theSameEventWithoutSchemasIsReadWithItsColumnsInferred() throws IOException {
        handler.handle(TOPIC, 0, 0, null, fixture("mysql-without-schema.json"));

        assertThat(out.recorded.observed).singleElement().satisfies(schema -> assertThat(schema.columns())
                .extracting(DatasetSchema.Column::name, DatasetSchema.Column::sqlType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "number"), org.assertj.core.groups.Tuple.tuple("first_name", "string"),
                        org.assertj.core.groups.Tuple.tuple("last_name", "string"), org.assertj.core.groups.Tuple.tuple("email", "string")));
        assertThat(out.recorded.classified).contains("email=email");
        assertThat(out.text.toString()).doesNotContain(RAW);
    }

    @Test
    void anUnwrappedRowIsDeadLetteredWithWhatToDo() throws IOException {
        handler.handle(TOPIC, 0, 0, null, fixture("unwrapped.json"));

        assertThat(out.recorded.observed).isEmpty();
        assertThat(out.recorded.rejected).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo("NOT_A_CHANGE_EVENT");
            assertThat(r.getMessage()).contains("payload.op and payload.source are required");
        });
        assertThat(out.text.toString()).doesNotContain(RAW);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DebeziumFixturesTest.class.getResourceAsStream("/debezium/" + name)) {
            return in.readAllBytes();
        }
    }
}
