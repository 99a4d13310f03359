package jp.daicho.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import jp.daicho.console.ConsoleProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory's and the ledger's REST APIs, called as the signed-in user. An answer other than 2xx
 * becomes {@link ApiRefused} with the API's own explanation (its problem document's detail), which the
 * pages show as it is.
 */
@Component
public class Apis {

    public enum Service { INVENTORY, LEDGER }

    /** The API said no (403 for a role that may not, 4xx for bad input): its status and explanation. */
    public static final class ApiRefused extends RuntimeException {
        private final int status;

        public ApiRefused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final ConsoleProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    Apis(ConsoleProperties properties) {
        this.properties = properties;
    }

    public JsonNode get(Service service, String path) {
        return send(service, request(service, path).GET());
    }

    /** The answer as maps and lists, as the pages' templates read it. */
    public Object data(Service service, String path) {
        return json.treeToValue(get(service, path), Object.class);
    }

    /** Any answer as maps and lists. */
    public Object data(JsonNode node) {
        return json.treeToValue(node, Object.class);
    }

    public JsonNode post(Service service, String path, String contentType, String body) {
        return send(service, request(service, path).header("Content-Type", contentType)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }


    /** Streams a download (an export) from the API to {@code out}, as the signed-in user. */
    public void copy(Service service, String path, OutputStream out) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(request(service, path).timeout(Duration.ofHours(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw refused(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(Service service, String path) {
        String base = service == Service.INVENTORY ? properties.inventoryUrl() : properties.ledgerUrl();
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json").header("Authorization", authorization());
    }

    private static String authorization() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !(who.getCredentials() instanceof String password)) {
            throw new ApiRefused(401, "Sign in again: the session has no credentials for the APIs");
        }
        return "Basic " + Base64.getEncoder().encodeToString((who.getName() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }


    private JsonNode send(Service service, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiRefused(503, (service == Service.INVENTORY ? "The inventory" : "The ledger") + " is not reachable at "
                    + (service == Service.INVENTORY ? properties.inventoryUrl() : properties.ledgerUrl()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefused(503, "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(response.statusCode(), response.body());
        }
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    private ApiRefused refused(int status, String body) {
        String detail = body;
        try {
            detail = json.readTree(body).path("detail").asString(body);
        } catch (RuntimeException notJson) {
            // shown as it is
        }
        return new ApiRefused(status, detail);
    }
}
