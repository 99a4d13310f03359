package jp.daicho.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service's actuator endpoints as a probe or a scraper calls them: anonymous or as a demo user. */
public final class Actuator {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    /** An answer: its status and body. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            return Actuator.json.readTree(body);
        }
    }

    private Actuator() {
    }

    /**
     * @param base the service's base URL
     * @param path such as {@code /actuator/health/readiness} or {@code /actuator/prometheus}
     * @param user a demo user (password = name), or null for no sign-in
     */
    public static Answer get(String base, String path, String user) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", path.endsWith("prometheus")
                ? "text/plain" : "application/json");
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    /** The base URL of a Spring service started on a port of its choosing. */
    public static String base(org.springframework.core.env.Environment environment) {
        return "http://localhost:" + environment.getProperty("local.server.port");
    }
}
