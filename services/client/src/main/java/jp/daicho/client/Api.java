package jp.daicho.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one service's REST API: JSON in and out, the caller's credentials on every request, and every answer
 * read into the record its {@link Endpoint} declares. A tolerant reader: properties a newer service adds are
 * ignored, and one it leaves out reads as null (0 or false for a number or flag); the contract tests hold the
 * records to each service's OpenAPI description, so a renamed property fails the build instead. A refusal becomes {@link ApiRefused} with the service's problem document; no answer at all,
 * {@link ApiUnreachable}.
 */
public final class Api {

    static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    private static final int MAX_SHOWN = 500;

    private final String service;
    private final String baseUrl;
    private final Supplier<String> authorization;
    private final Supplier<java.util.Locale> language;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param service       what the service is called in messages ("the inventory", "the ledger")
     * @param baseUrl       e.g. {@code http://localhost:8080}
     * @param authorization the Authorization header for each request (asked per request: a console signs each
     *                      call as its user), or null for none
     */
    public Api(String service, String baseUrl, Supplier<String> authorization) {
        this(service, baseUrl, authorization, null);
    }

    /**
     * @param language the language refusals are worded in ({@code Accept-Language}; the services answer Japanese for
     *                 {@code ja}, else English), asked per request: a console follows each user's choice; null for English
     */
    public Api(String service, String baseUrl, Supplier<String> authorization, Supplier<java.util.Locale> language) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
        this.language = language;
    }

    /** A record as the JSON the services write (for {@code --json} output of what was read). */
    public static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    public <T> T get(Endpoint<T> endpoint, Query query, Object... pathValues) {
        return call(endpoint, query, null, null, pathValues);
    }

    /** Sends {@code body} (a record or map as JSON; a String as it is, with {@code contentType}). */
    public <T> T send(Endpoint<T> endpoint, Object body, String contentType, Object... pathValues) {
        return call(endpoint, Query.of(), body, contentType, pathValues);
    }

    /** The answer's JSON as the service sent it (for {@code --json} output), checked like any answer. */
    public JsonNode json(Endpoint<?> endpoint, Query query, Object body, String contentType, Object... pathValues) {
        var response = exchange(endpoint, query, body, contentType, pathValues);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** Streams a download (an export) to {@code out}: the bytes as the service sends them. */
    public void download(Endpoint<?> endpoint, Query query, OutputStream out, Object... pathValues) throws IOException {
        download(request(endpoint, query, null, null, pathValues), endpoint, out);
    }

    /** Streams the download a POST of {@code body} (a record, as JSON) answers with. */
    public void download(Endpoint<?> endpoint, Object body, OutputStream out, Object... pathValues) throws IOException {
        download(request(endpoint, Query.of(), body, null, pathValues), endpoint, out);
    }

    private void download(HttpRequest request, Endpoint<?> endpoint, OutputStream out) throws IOException {
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (!endpoint.answered().contains(response.statusCode())) {
                throw refused(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            in.transferTo(out);
        }
    }

    private <T> T call(Endpoint<T> endpoint, Query query, Object body, String contentType, Object... pathValues) {
        var response = exchange(endpoint, query, body, contentType, pathValues);
        if (endpoint.type() == Void.class) {
            return null;
        }
        JavaType type = endpoint.many() ? JSON.getTypeFactory().constructCollectionType(List.class, endpoint.type())
                : JSON.getTypeFactory().constructType(endpoint.type());
        try {
            return JSON.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new IllegalStateException(service + " answered " + endpoint + " with a body this client cannot read as "
                    + type + ": " + e.getOriginalMessage() + " (are the client and the service the same version?)", e);
        }
    }

    private HttpResponse<String> exchange(Endpoint<?> endpoint, Query query, Object body, String contentType,
                                          Object... pathValues) {
        var response = send(request(endpoint, query, body, contentType, pathValues),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (!endpoint.answered().contains(response.statusCode())) {
            throw refused(response.statusCode(), response.body());
        }
        return response;
    }

    private HttpRequest request(Endpoint<?> endpoint, Query query, Object body, String contentType, Object... pathValues) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path(pathValues) + query))
                .timeout(endpoint.timeout()).header("Accept", "application/json");
        String credentials = authorization == null ? null : authorization.get();
        if (credentials != null) {
            request.header("Authorization", credentials);
        }
        var locale = language == null ? null : language.get();
        if (locale != null) {
            request.header("Accept-Language", locale.toLanguageTag());
        }
        if (endpoint.method().equals("GET")) {
            return request.GET().build();
        }
        if (body == null) {
            return request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return request.header("Content-Type", contentType != null ? contentType : "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
    }

    private <B> HttpResponse<B> send(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new ApiUnreachable(service, baseUrl, "connection refused", e);
        } catch (IOException e) {
            throw new ApiUnreachable(service, baseUrl, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachable(service, baseUrl, "interrupted", e);
        }
    }

    /** The refusal's problem document, or what came instead of one (a proxy's page, cut short). */
    private ApiRefused refused(int status, String body) {
        JsonNode problem = null;
        try {
            problem = body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException notJson) {
            // not a problem document: shown as it came
        }
        if (problem == null || !problem.isObject()) {
            String shown = body.isBlank() ? "HTTP " + status + " without an explanation"
                    : body.length() > MAX_SHOWN ? body.substring(0, MAX_SHOWN) + "…" : body;
            return new ApiRefused(service, new Problem(status, null, shown, List.of(), java.util.Map.of()));
        }
        var problems = new ArrayList<String>();
        problem.path("problems").forEach(p -> problems.add(p.asString()));
        var properties = new LinkedHashMap<String, Object>();
        problem.properties().forEach(e -> {
            if (!List.of("type", "title", "status", "detail", "instance", "problems").contains(e.getKey())) {
                properties.put(e.getKey(), JSON.treeToValue(e.getValue(), Object.class));
            }
        });
        String detail = problem.path("detail").asString(problem.path("title").asString("HTTP " + status));
        return new ApiRefused(service, new Problem(status, problem.path("title").asString(null), detail,
                List.copyOf(problems), java.util.Collections.unmodifiableMap(properties)));
    }
}
