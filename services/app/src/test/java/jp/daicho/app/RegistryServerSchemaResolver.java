package jp.daicho.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.header.Headers;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.serde.ParsedSchema;
import io.apicurio.registry.serde.SchemaLookupResult;
import io.apicurio.registry.serde.strategy.ArtifactReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets Apicurio's Avro converter register its schemas with a Confluent-compatible registry ({@code POST
 * /subjects/<topic>-value/versions}), as Confluent's converter does: Apicurio's own client speaks only Apicurio's API,
 * and neither registry runs here. Configured on the converter as {@code apicurio.registry.schema-resolver}; the
 * registry's URL is {@code daicho.registry-url}.
 */
public final class RegistryServerSchemaResolver implements io.apicurio.registry.serde.SchemaResolver<Schema, Object> {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String url;
    private io.apicurio.registry.resolver.SchemaParser<Schema, Object> parser;

    @Override
    public void configure(Map<String, ?> configs, io.apicurio.registry.resolver.SchemaParser<Schema, Object> parser) {
        this.url = (String) configs.get("daicho.registry-url");
        this.parser = parser;
    }

    @Override
    public io.apicurio.registry.resolver.SchemaParser<Schema, Object> getSchemaParser() {
        return parser;
    }

    @Override
    public void setArtifactResolverStrategy(
            io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy<Schema, Object> strategy) {
    }

    @Override
    public void setClient(RegistryClient client) {
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchema(String topic, Headers headers, Object data, ParsedSchema<Schema> schema) {
        // Debezium names a key's schema <topic>.Key, the envelope's <topic>.Envelope.
        String subject = topic + (schema.getParsedSchema().getName().equals("Key") ? "-key" : "-value");
        try {
            // The whole schema, as Confluent's converter registers it: Apicurio's raw schema names the records it
            // would register separately as references (Value, Source), which a Confluent registry would not have.
            String whole = schema.getParsedSchema().toString();
            var body = json.writeValueAsString(Map.of("schema", whole));
            var response = http.send(HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            int id = json.readTree(response.body()).path("id").asInt();
            return SchemaLookupResult.<Schema>builder().rawSchema(whole.getBytes(StandardCharsets.UTF_8)).schema(schema.getParsedSchema())
                    .globalId(id).contentId(id).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchemaByArtifactReference(ArtifactReference reference) {
        throw new UnsupportedOperationException("only serializing is needed");
    }

    @Override
    public void reset() {
    }
}
