package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import jp.daicho.testkit.SchemaRegistryServer;

class ConfluentSchemaRegistryTest {

    static final String MEMBER = """
            {"type":"record","name":"Value","namespace":"shop.public.members","fields":[{"name":"id","type":"int"}]}""";

    @Test
    void aSchemaIsAskedForOnceAndKept() throws Exception {
        try (var server = SchemaRegistryServer.start()) {
            int id = server.register(MEMBER);
            var registry = new ConfluentSchemaRegistry(server.url() + "/", "", "", Duration.ofSeconds(5));
            assertThat(registry.schema(id).getFullName()).isEqualTo("shop.public.members.Value");
            assertThat(registry.schema(id).getFields()).hasSize(1);
            assertThat(server.lookups()).isOne();
        }
    }

    @Test
    void anIdTheRegistryDoesNotHaveRejectsTheEventAndSaysWhichRegistryWasAsked() {
        try (var server = SchemaRegistryServer.start()) {
            var registry = new ConfluentSchemaRegistry(server.url(), "", "", Duration.ofSeconds(5));
            assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> registry.schema(42))
                    .satisfies(e -> assertThat(e.errorType()).isEqualTo("UNKNOWN_SCHEMA"))
                    .withMessageContaining("Schema id 42 is not in the schema registry at " + server.url())
                    .withMessageContaining("daicho.classifier.schema-registry.url");
        }
    }

    @Test
    void aRegistryThatCannotAnswerNowIsNotTheEventsFault() throws Exception {
        try (var server = SchemaRegistryServer.start()) {
            int id = server.register(MEMBER);
            var registry = new ConfluentSchemaRegistry(server.url(), "", "", Duration.ofSeconds(5));
            server.failWith(503);
            assertThatExceptionOfType(SchemaRegistry.Unavailable.class).isThrownBy(() -> registry.schema(id))
                    .withMessageContaining("answered 503");
            server.failWith(0);
            assertThat(registry.schema(id).getName()).isEqualTo("Value");
        }
        var gone = new ConfluentSchemaRegistry("http://127.0.0.1:1", "", "", Duration.ofSeconds(2));
        assertThatExceptionOfType(SchemaRegistry.Unavailable.class).isThrownBy(() -> gone.schema(1))
                .withMessageContaining("could not be reached");
    }

    @Test
    void basicAuthenticationIsSentAndARefusalSaysWhatToSet() throws Exception {
        try (var server = SchemaRegistryServer.start("daicho", "正しい合言葉")) {
            int id = server.register(MEMBER);
            var wrong = new ConfluentSchemaRegistry(server.url(), "daicho", "wrong", Duration.ofSeconds(5));
            assertThatExceptionOfType(SchemaRegistry.Unavailable.class).isThrownBy(() -> wrong.schema(id))
                    .withMessageContaining("answered 401")
                    .withMessageContaining("daicho.classifier.schema-registry.user")
                    .withMessageNotContaining("wrong");
            var right = new ConfluentSchemaRegistry(server.url(), "daicho", "正しい合言葉", Duration.ofSeconds(5));
            assertThat(right.schema(id).getName()).isEqualTo("Value");
        }
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConfluentSchemaRegistry("schema-registry:8081", "", "", Duration.ofSeconds(1)))
                .withMessageContaining("http or https URL");
    }

    @Test
    void withoutARegistryAvroEventsAreRejectedWithWhatToConfigure() {
        byte[] avro = {0, 0, 0, 0, 7, 2, 4};
        assertThatExceptionOfType(RejectedEvent.class).isThrownBy(() -> new ChangeEventReader(100).read(null, avro))
                .withMessageContaining("schema id 7")
                .withMessageContaining("daicho.classifier.schema-registry.url");
    }
}
