package jp.daicho.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The calls of the Confluent schema registry's REST API that Avro converters and readers make —
 * {@code POST /subjects/<subject>/versions} (register, answered with the schema's id; the same schema keeps its id),
 * {@code GET /schemas/ids/<id>} and {@code GET /subjects/<subject>/versions/<version>} (with schema references) — on
 * loopback, optionally behind HTTP basic authentication. No Confluent or Apicurio
 * registry runs on these machines (neither is served as a library); this one stands in for it in tests, where the
 * converters and the bytes they write are real. It also counts the lookups, and can be told to fail.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/(\\d+)");

    /** A Confluent schema reference: the name the referring schema uses, and where the referenced one is. */
    public record Reference(String name, String subject, int version) {
    }

    private record Registered(String schema, java.util.List<Reference> references) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Integer, Registered> schemas = new LinkedHashMap<>();
    private final Map<Registered, Integer> ids = new LinkedHashMap<>();
    private final Map<String, java.util.List<Integer>> subjects = new LinkedHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final String authorization;
    private final HttpServer server;
    private volatile int failWith;

    private SchemaRegistryServer(String user, String password) throws IOException {
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static SchemaRegistryServer start() {
        return start(null, null);
    }

    /** Requests without these credentials are answered 401. */
    public static SchemaRegistryServer start(String user, String password) {
        try {
            return new SchemaRegistryServer(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers the schema (Avro JSON) under no subject; the same schema text keeps its id. */
    public synchronized int register(String schema) {
        return idOf(new Registered(schema, java.util.List.of()));
    }

    /** Registers the schema as the subject's next version (unless it is its latest already); returns its id. */
    public synchronized int register(String subject, String schema, Reference... references) {
        int id = idOf(new Registered(schema, java.util.List.of(references)));
        var versions = subjects.computeIfAbsent(subject, s -> new java.util.ArrayList<>());
        if (versions.isEmpty() || versions.getLast() != id) {
            versions.add(id);
        }
        return id;
    }

    private int idOf(Registered registered) {
        return ids.computeIfAbsent(registered, r -> {
            int id = schemas.size() + 1;
            schemas.put(id, r);
            return id;
        });
    }

    /** Every schema registered, by id. */
    public synchronized Map<Integer, String> schemas() {
        var texts = new java.util.TreeMap<Integer, String>();
        schemas.forEach((id, r) -> texts.put(id, r.schema()));
        return texts;
    }

    /** {@code GET /schemas/ids/…} requests answered so far. */
    public int lookups() {
        return lookups.get();
    }

    /** Answer every request with this HTTP status from now on (0: answer normally again). */
    public void failWith(int status) {
        this.failWith = status;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failWith != 0) {
                reply(exchange, failWith, Map.of("error_code", failWith * 100, "message", "failing on purpose"));
                return;
            }
            if (authorization != null && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, Map.of("error_code", 401, "message", "Unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            var byId = BY_ID.matcher(path);
            if (exchange.getRequestMethod().equals("GET") && byId.matches()) {
                lookups.incrementAndGet();
                Registered registered;
                synchronized (this) {
                    registered = schemas.get(Integer.parseInt(byId.group(1)));
                }
                if (registered == null) {
                    reply(exchange, 404, Map.of("error_code", 40403, "message", "Schema " + byId.group(1) + " not found"));
                } else {
                    reply(exchange, 200, answer(registered, Map.of()));
                }
                return;
            }
            var version = VERSION.matcher(path);
            if (exchange.getRequestMethod().equals("GET") && version.matches()) {
                Integer id;
                synchronized (this) {
                    var versions = subjects.getOrDefault(version.group(1), java.util.List.of());
                    int v = Integer.parseInt(version.group(2));
                    id = v >= 1 && v <= versions.size() ? versions.get(v - 1) : null;
                }
                if (id == null) {
                    reply(exchange, 404, Map.of("error_code", 40402, "message", "Version not found"));
                } else {
                    reply(exchange, 200, answer(schemas.get(id), Map.of("id", id, "subject", version.group(1),
                            "version", Integer.parseInt(version.group(2)))));
                }
                return;
            }
            var register = REGISTER.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && register.matches()) {
                var body = json.readTree(exchange.getRequestBody().readAllBytes());
                reply(exchange, 200, Map.of("id", register(register.group(1), body.path("schema").asString())));
                return;
            }
            reply(exchange, 404, Map.of("error_code", 404, "message", "Not found: " + exchange.getRequestMethod() + " " + path));
        }
    }

    private static Map<String, Object> answer(Registered registered, Map<String, Object> more) {
        var answer = new LinkedHashMap<String, Object>(more);
        answer.put("schema", registered.schema());
        if (!registered.references().isEmpty()) {
            answer.put("references", registered.references());
        }
        return answer;
    }

    private void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
