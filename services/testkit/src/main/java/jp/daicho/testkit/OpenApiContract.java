package jp.daicho.testkit;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jp.daicho.client.Endpoint;
import tools.jackson.databind.JsonNode;

/**
 * The REST contract, checked both ways: every {@code /api} endpoint of a running service answers with a record (or
 * a list of them), never a database row as a map, and the OpenAPI description the service publishes names exactly
 * that record's properties for it, down every nested record. A renamed column, or a map slipping back in, fails the build here instead of
 * breaking the console or the CLI silently.
 */
public final class OpenApiContract {

    private OpenApiContract() {
    }

    /** What a JSON body of a response is, as the handler declares it. */
    private record Body(Class<?> type, boolean many) {
    }

    /**
     * The problems found: an endpoint answering a map, or an OpenAPI schema whose properties differ from its record.
     * {@code checked} receives each {@code METHOD path} compared, so a caller can see the check covered something.
     */
    public static List<String> problems(ApplicationContext context, JsonNode apiDocs, Collection<String> checked) {
        var problems = new ArrayList<String>();
        var mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            Set<String> patterns = e.getKey().getPatternValues();
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String path : patterns) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String endpoint = method + " " + path;
                    Optional<Body> body = body(e.getValue().getMethod().getGenericReturnType());
                    if (body.isEmpty()) {
                        continue;
                    }
                    Class<?> type = body.get().type();
                    if (Map.class.isAssignableFrom(type) || type == Object.class) {
                        problems.add(endpoint + " answers a " + type.getSimpleName() + " (" + e.getValue().getShortLogMessage()
                                + "): answer a record, so its properties are named once and documented");
                        continue;
                    }
                    if (!type.isRecord()) {
                        continue;
                    }
                    JsonNode schema = responseSchema(apiDocs, path, method.name().toLowerCase(java.util.Locale.ROOT));
                    if (schema == null) {
                        problems.add(endpoint + " is not described in /v3/api-docs with a JSON response");
                        continue;
                    }
                    if (body.get().many()) {
                        schema = schema.path("items");
                    }
                    compare(apiDocs, schema, type, endpoint, "", problems);
                    checked.add(endpoint);
                }
            }
        }
        return problems;
    }

    /**
     * The problems of the typed client's {@code endpoints} against the service's description: each must be described
     * with a JSON answer whose properties are exactly its record's, and so on down every nested record (in a list, a
     * map's values, or alone). {@code checked} receives each endpoint compared.
     */
    public static List<String> clientProblems(JsonNode apiDocs, List<Endpoint<?>> endpoints, Collection<String> checked) {
        var problems = new ArrayList<String>();
        for (var endpoint : endpoints) {
            JsonNode schema = responseSchema(apiDocs, endpoint.path(), endpoint.method().toLowerCase(java.util.Locale.ROOT));
            if (schema == null) {
                problems.add("the client calls " + endpoint + ", which /v3/api-docs does not describe with a JSON answer");
                continue;
            }
            compare(apiDocs, endpoint.many() ? schema.path("items") : schema, endpoint.type(), endpoint.toString(), "the client's ", problems);
            checked.add(endpoint.toString());
        }
        return problems;
    }

    /** {@code type}'s components against the schema's properties, and so on down its nested records. */
    private static void compare(JsonNode docs, JsonNode schema, Class<?> type, String where, String whose, List<String> problems) {
        JsonNode resolved = resolve(docs, schema);
        var documented = new TreeSet<String>(resolved.path("properties").propertyNames());
        var declared = new TreeSet<String>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
        if (!documented.equals(declared)) {
            problems.add(where + ": OpenAPI documents " + documented + " but " + whose + type.getSimpleName() + " has " + declared
                    + (whose.isEmpty() ? " (two records of one simple name share a schema: rename one)" : ""));
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = resolved.path("properties").path(component.getName());
            Type generic = component.getGenericType();
            if (component.getType().isRecord()) {
                compare(docs, property, component.getType(), where + " ." + component.getName(), whose, problems);
            } else if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[p.getActualTypeArguments().length - 1]
                    instanceof Class<?> element && element.isRecord()) {
                JsonNode inner = List.class.isAssignableFrom(component.getType()) ? property.path("items")
                        : property.path("additionalProperties");
                compare(docs, inner, element, where + " ." + component.getName() + "[]", whose, problems);
            }
        }
    }

    private static Optional<Body> body(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == ResponseEntity.class || raw == Optional.class) {
                return body(p.getActualTypeArguments()[0]);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return body(p.getActualTypeArguments()[0]).map(b -> new Body(b.type(), true));
            }
            return Optional.of(new Body(raw, false));
        }
        return type instanceof Class<?> c && c != void.class && c != Void.class ? Optional.of(new Body(c, false)) : Optional.empty();
    }

    private static JsonNode responseSchema(JsonNode docs, String path, String method) {
        JsonNode responses = docs.path("paths").path(path).path(method).path("responses");
        for (String status : List.of("200", "201")) {
            for (JsonNode content : responses.path(status).path("content")) {
                if (content.has("schema")) {
                    return content.path("schema");
                }
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/")
                ? docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())) : schema;
    }
}
