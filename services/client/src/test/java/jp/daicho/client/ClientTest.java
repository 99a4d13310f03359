package jp.daicho.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The client against a real HTTP server answering as the services do: paths and queries encoded, answers read
 * into records (properties it does not know ignored), refusals as problem documents, a register's 422 as
 * violations, and an unreachable service said so.
 */
class ClientTest {

    private HttpServer server;
    private final List<String> asked = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> languages = new ArrayList<>();
    private int status = 200;
    private String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        languages.add(exchange.getRequestHeaders().getFirst("Accept-Language"));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status / 100 == 2 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void readsAnswersIntoRecordsIgnoringPropertiesItDoesNotKnow() {
        answer = """
                {"id":"demo.public.会員","system":"demo","schemaVersion":2,"fields":[{"name":"氏名","sqlType":"text","present":true,
                 "classification":{"item":"name","subject":"customer","confidence":0.93,"evidence":["name-word"],
                 "reviewState":"AUTO","classifiedAt":"2026-12-03T01:02:03Z","addedInAFutureVersion":1}}],"versions":[]}""";
        var client = new InventoryClient(url(), () -> "Basic ZHBvOmRwbw==");
        var dataset = client.dataset("demo.public.会員", java.time.LocalDate.of(2026, 12, 1));
        assertThat(asked).containsExactly("GET /api/datasets/demo.public.%E4%BC%9A%E5%93%A1?asOf=2026-12-01");
        assertThat(authorizations).containsExactly("Basic ZHBvOmRwbw==");
        assertThat(dataset.schemaVersion()).isEqualTo(2);
        var classification = dataset.fields().getFirst().classification();
        assertThat(classification.item()).isEqualTo("name");
        assertThat(classification.classifiedAt()).isEqualTo(Instant.parse("2026-12-03T01:02:03Z"));
    }

    @Test
    void sendsRecordsAsJsonAndLeavesEmptyQueryValuesOut() {
        answer = "{\"datasetId\":\"d\",\"field\":\"f g\",\"reviewState\":\"CONFIRMED\"}";
        var reviewed = new InventoryClient(url(), null).review("d", "f g",
                new Inventory.ReviewRequest("CONFIRM", null, null, "確認しました"));
        assertThat(reviewed.reviewState()).isEqualTo("CONFIRMED");
        assertThat(asked).containsExactly("POST /api/datasets/d/fields/f%20g/review");
        assertThat(bodies.getFirst()).contains("\"decision\":\"CONFIRM\"", "\"reason\":\"確認しました\"");
        assertThat(authorizations).containsOnlyNulls();
        answer = "[]";
        new InventoryClient(url(), null).fields("email", " ", null, 10);
        assertThat(asked).last().isEqualTo("GET /api/fields?item=email&limit=10");
    }

    @Test
    void aRefusalCarriesTheProblemDocument() {
        status = 400;
        answer = """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"Unknown item 'mail'",
                 "problems":["item: one of name, email"],"known":["name","email"]}""";
        assertThatThrownBy(() -> new InventoryClient(url(), null).fields("mail", null, null, null))
                .isInstanceOfSatisfying(ApiRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Unknown item 'mail'");
                    assertThat(e.problem().problems()).containsExactly("item: one of name, email");
                    assertThat(e.problem().properties()).containsEntry("known", List.of("name", "email"));
                    assertThat(e.service()).isEqualTo("the inventory");
                });
    }

    @Test
    void asksForRefusalsInTheCallersLanguageOrNone() {
        answer = "[]";
        var locale = new java.util.concurrent.atomic.AtomicReference<>(java.util.Locale.JAPANESE);
        var client = new InventoryClient(url(), null, locale::get);
        client.systems();
        locale.set(java.util.Locale.ENGLISH);
        client.systems();
        new InventoryClient(url(), null).systems();
        assertThat(languages).containsExactly("ja", "en", null);
    }

    @Test
    void aRefusalThatIsNotAProblemDocumentIsShownAsItCame() {
        status = 502;
        answer = "<html>Bad gateway</html>";
        assertThatThrownBy(() -> new LedgerClient(url(), null).status())
                .isInstanceOfSatisfying(ApiRefused.class, e -> assertThat(e.getMessage()).isEqualTo("<html>Bad gateway</html>"));
    }

    @Test
    void aManifestBreakingThePolicyIsAnsweredWithItsViolations() {
        status = 422;
        answer = """
                {"status":422,"detail":"The pipeline breaks the policy or the law; nothing was registered",
                 "problems":["…"],"policyVersion":"2026-04",
                 "violations":[{"rule":"sensitive-third-party","message":"要配慮個人情報","clause":"法第27条","datasetId":"d","field":"病歴"}]}""";
        var validation = new InventoryClient(url(), null).register("id: x\n");
        assertThat(validation.valid()).isFalse();
        assertThat(validation.policyVersion()).isEqualTo("2026-04");
        assertThat(validation.violations()).singleElement().extracting(Inventory.Violation::field).isEqualTo("病歴");
        assertThat(bodies.getFirst()).isEqualTo("id: x\n");
    }

    @Test
    void aRegisterRefusedForAnotherReasonStaysARefusal() {
        status = 409;
        answer = "{\"status\":409,\"detail\":\"Pipeline 'x' is registered already\"}";
        assertThatThrownBy(() -> new InventoryClient(url(), null).register("id: x\n")).isInstanceOf(ApiRefused.class)
                .hasMessageContaining("registered already");
    }

    @Test
    void anOccurrenceReportRefusedWholeIsStillAnAnswer() {
        status = 422;
        answer = "{\"outcomes\":[{\"eventId\":\"e1\",\"status\":\"REJECTED\",\"rule\":\"unknown-pipeline\"}]}";
        var outcomes = new LedgerClient(url(), null).report(List.of());
        assertThat(outcomes.outcomes()).singleElement().extracting(Ledger.Outcome::status).isEqualTo("REJECTED");
    }

    @Test
    void aServiceThatIsNotThereIsUnreachable() {
        String url = url();
        server.stop(0);
        assertThatThrownBy(() -> new LedgerClient(url, null).status()).isInstanceOf(ApiUnreachable.class)
                .hasMessageStartingWith("the ledger is not reachable at " + url);
    }

    @Test
    void anEndpointsPathNeedsEveryValue() {
        assertThatThrownBy(() -> InventoryClient.REVIEW.path("only-one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{field}");
        assertThat(InventoryClient.REVIEW.path("a/b", "c")).isEqualTo("/api/datasets/a%2Fb/fields/c/review");
    }
}
