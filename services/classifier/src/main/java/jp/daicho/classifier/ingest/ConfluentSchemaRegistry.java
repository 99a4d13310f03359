package jp.daicho.classifier.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema registry with the Confluent REST API — Confluent Schema Registry, Karapace, Redpanda, or Apicurio
 * Registry's compatibility API ({@code …/apis/ccompat/v7}) — asked {@code GET <url>/schemas/ids/<id>}. A schema id
 * never changes its schema, so each is asked once and kept.
 */
public final class ConfluentSchemaRegistry implements SchemaRegistry {

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * @param url      the registry's base URL, such as {@code https://registry.example.jp:8081} or
     *                 {@code http://apicurio:8080/apis/ccompat/v7}
     * @param user     for HTTP basic authentication; blank for none
     * @param password its password
     */
    public ConfluentSchemaRegistry(String url, String user, String password, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("daicho.classifier.schema-registry.url is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("daicho.classifier.schema-registry.url must be an http or https URL, such as "
                    + "http://schema-registry:8081, not '" + url + "'.");
        }
        this.base = uri;
        this.authorization = user == null || user.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Schema schema(int id) throws RejectedEvent {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        Schema schema = fetch(id);
        schemas.put(id, schema);
        return schema;
    }

    private Schema fetch(int id) throws RejectedEvent {
        JsonNode answer = get("schemas/ids/" + id, "schema id " + id);
        if (answer == null) {
            throw new RejectedEvent("UNKNOWN_SCHEMA", "Schema id " + id + " is not in the schema registry at " + base
                    + ". The event was written with another registry: point daicho.classifier.schema-registry.url at "
                    + "the one the connector's converter uses.");
        }
        String type = answer.path("schemaType").asString("AVRO");
        if (!type.equals("AVRO")) {
            throw new RejectedEvent("UNSUPPORTED_FORMAT", "Schema id " + id + " is a " + ChangeEventReader.clip(type)
                    + " schema; the classifier reads Avro and JSON change events. Configure the connector with "
                    + "an AvroConverter or Kafka Connect's JsonConverter.");
        }
        var parser = new Schema.Parser().setValidateDefaults(false);
        try {
            define(parser, answer.path("references"), new java.util.HashSet<>(), id);
            return parser.parse(text(answer, "schema id " + id));
        } catch (AvroRuntimeException e) {
            // Avro's message may quote the schema, never a value; still, only the kind is told.
            throw new RejectedEvent("UNKNOWN_SCHEMA", "Schema id " + id + " in the registry is not a valid Avro schema ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** Parses the schemas referenced (Confluent schema references), and theirs first, so that their names are known. */
    private void define(Schema.Parser parser, JsonNode references, java.util.Set<String> seen, int id) throws RejectedEvent {
        for (JsonNode reference : references) {
            String subject = reference.path("subject").asString("");
            String version = reference.path("version").asString("latest");
            if (!seen.add(subject + "/" + version)) {
                continue;
            }
            if (seen.size() > 100) {
                throw new RejectedEvent("UNKNOWN_SCHEMA", "Schema id " + id + " references more than 100 schemas.");
            }
            String what = "subject " + ChangeEventReader.clip(subject) + " version " + ChangeEventReader.clip(version)
                    + " (referenced by schema id " + id + ")";
            JsonNode answer = get("subjects/" + java.net.URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/versions/" + java.net.URLEncoder.encode(version, StandardCharsets.UTF_8), what);
            if (answer == null) {
                throw new RejectedEvent("UNKNOWN_SCHEMA", "The schema registry at " + base + " does not have " + what + ".");
            }
            define(parser, answer.path("references"), seen, id);
            parser.parse(text(answer, what));
        }
    }

    /** The registry's JSON answer, or null when it answers 404. */
    private JsonNode get(String path, String what) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("The schema registry at " + base + " could not be reached for " + what + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while asking the schema registry for " + what, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return null;
        }
        if (status == 401 || status == 403) {
            throw new Unavailable("The schema registry at " + base + " answered " + status + " for " + what
                    + ": set daicho.classifier.schema-registry.user and .password to an account that may read schemas.", null);
        }
        if (status != 200) {
            throw new Unavailable("The schema registry at " + base + " answered " + status + " for " + what + ".", null);
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new Unavailable("The schema registry at " + base + " answered " + what + " with something other "
                    + "than JSON: is the URL the registry's (for Apicurio, …/apis/ccompat/v7)?", null);
        }
    }

    private String text(JsonNode answer, String what) {
        if (!answer.path("schema").isString()) {
            throw new Unavailable("The schema registry at " + base + " answered " + what + " without a 'schema' "
                    + "text: is the URL the registry's (for Apicurio, …/apis/ccompat/v7)?", null);
        }
        return answer.path("schema").asString();
    }
}
