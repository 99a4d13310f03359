package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * Issue 15: the console signs in with the company's OIDC provider — a real one, started here — by the authorization
 * code flow, and calls the APIs with the user's access token; the APIs take the roles from the token's claim and
 * refuse a token signed by another key, an expired one, and one whose roles do not allow the call. A provider that
 * cannot be reached when the console starts stops the start with what to do.
 */
@UsesRealInfrastructure
class OidcSignInIT {

    static KeyPair key;
    static ConfigurableApplicationContext idp;
    static Services services;
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        key = rsa();
        int idpPort = freePort();
        int consolePort = freePort();
        issuer = TestIdentityProvider.issuer(idpPort);
        idp = TestIdentityProvider.start(idpPort, key, "http://localhost:" + consolePort + "/login/oauth2/code/company");
        var infra = Infrastructure.shared();
        infra.createDatabase("oidc_daicho");
        var resourceServer = Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        services = new Services(new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl("oidc_daicho"),
                infra.postgresUser(), infra.postgresPassword(), List.of(), null, 0, "oidc-", "oidc\\..*", 0, consolePort))
                .with("inventory", resourceServer).with("ledger", resourceServer)
                .with("console", consoleRegistration(issuer));
        services.startInventory();
        services.startLedger();
        services.startConsole();
    }

    /** The console's client registration at the company's provider, as docs/console.md gives it. */
    static Map<String, String> consoleRegistration(String issuer) {
        String registration = "spring.security.oauth2.client.registration.company.";
        return Map.of(registration + "client-id", TestIdentityProvider.CLIENT_ID,
                registration + "client-secret", TestIdentityProvider.CLIENT_SECRET,
                registration + "client-name", "社内ID",
                registration + "scope", "openid,profile",
                "spring.security.oauth2.client.provider.company.issuer-uri", issuer);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aUserSignsInAtTheCompanysProviderAndTheConsoleCallsTheApisWithTheirToken() throws Exception {
        var browser = new Browser();
        var login = browser.get(URI.create(services.consoleUrl() + "/login"));
        assertThat(login.body()).contains("社内ID でログイン").contains("/oauth2/authorization/company");

        var providersLogin = browser.follow(browser.get(URI.create(services.consoleUrl() + "/oauth2/authorization/company")));
        assertThat(providersLogin.uri().getHost()).as("the provider's sign-in page").isEqualTo("127.0.0.1");
        var form = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(providersLogin.body());
        assertThat(form.find()).isTrue();
        var signedIn = browser.follow(browser.post(providersLogin.uri(), Map.of("username", "yamada",
                "password", "pass-yamada", "_csrf", form.group(1))));

        assertThat(signedIn.uri().toString()).isEqualTo(services.consoleUrl() + "/");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).as("the dashboard, filled from the APIs called with yamada's token").contains("yamada")
                .doesNotContain("Sign in again").doesNotContain("サインインし直して");
        var ledger = browser.get(URI.create(services.consoleUrl() + "/ledger"));
        assertThat(ledger.statusCode()).as("the ledger's page, whose API only a DPO or an auditor may call").isEqualTo(200);
    }

    @Test
    void theApisTakeRolesFromTheTokenAndRefuseAnotherKeysAnExpiredOneAndTheWrongRole() throws Exception {
        var http = HttpClient.newHttpClient();
        var now = Instant.now();
        assertThat(call(http, token(key, "DPO", now.plusSeconds(300)))).isEqualTo(200);
        assertThat(call(http, token(rsa(), "DPO", now.plusSeconds(300)))).as("signed by another key").isEqualTo(401);
        assertThat(call(http, token(key, "DPO", now.minusSeconds(600)))).as("expired ten minutes ago").isEqualTo(401);
        assertThat(call(http, token(key, "ENGINEER", now.plusSeconds(300)))).as("the ledger export is not an engineer's")
                .isEqualTo(403);
    }

    /** The inventory's Art. 29/30 ledger export: DPO, AUDITOR or ADMIN. */
    static int call(HttpClient http, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(services.inventoryUrl() + "/api/ledger"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aConsoleWhoseProviderCannotBeReachedDoesNotStartAndSaysWhatToDo(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String unreachable = "http://127.0.0.1:" + freePort();
        var console = jp.daicho.console.ConsoleApplication.application();
        var args = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=demo-users"));
        consoleRegistration(unreachable).forEach((k, v) -> args.add("--" + k + "=" + v));
        assertThatThrownBy(() -> console.run(args.toArray(String[]::new)).close())
                .satisfies(e -> assertThat(causes(e)).contains(unreachable));
        assertThat(output.getAll()).contains("The console could not read the configuration of its OIDC provider " + unreachable)
                .contains("Check spring.security.oauth2.client.provider.<id>.issuer-uri");
    }

    static String causes(Throwable e) {
        var messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    static String token(KeyPair signer, String role, Instant expires) throws Exception {
        var claims = new JWTClaimsSet.Builder().issuer(issuer).subject("tanaka").claim("roles", List.of(role))
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(30)))).expirationTime(Date.from(expires)).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestIdentityProvider.KEY_ID).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }

    static KeyPair rsa() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A browser enough for the flow: its cookies per host, redirects followed one by one. */
    static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
            String body = String.join("&", form.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        /** Follows the redirects from a response to the page they end on. */
        HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
            for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
                assertThat(hops).as("redirects").isLessThan(10);
                response = get(response.uri().resolve(response.headers().firstValue("Location").orElseThrow()));
            }
            return response;
        }
    }
}
