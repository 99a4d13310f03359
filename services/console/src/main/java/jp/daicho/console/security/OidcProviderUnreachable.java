package jp.daicho.console.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A console whose OIDC provider could not be asked for its configuration at start (Spring reads the issuer's
 * {@code /.well-known/openid-configuration} then): says so, and what to check, instead of a bare stack trace. The
 * start stops; nothing is left half-started.
 */
class OidcProviderUnreachable extends AbstractFailureAnalyzer<IllegalArgumentException> {

    static final String SPRING_MESSAGE = "Unable to resolve Configuration with the provided Issuer of ";

    @Override
    protected FailureAnalysis analyze(Throwable root, IllegalArgumentException cause) {
        String message = cause.getMessage();
        if (message == null || !message.startsWith(SPRING_MESSAGE)) {
            return null;
        }
        String issuer = message.substring(SPRING_MESSAGE.length()).replace("\"", "").trim();
        return new FailureAnalysis(
                "The console could not read the configuration of its OIDC provider " + issuer
                        + " (" + issuer + "/.well-known/openid-configuration did not answer as an OIDC provider).",
                "Check spring.security.oauth2.client.provider.<id>.issuer-uri (it must be the issuer exactly as the "
                        + "provider names itself), that the provider is running and that this host reaches it (proxy, "
                        + "firewall, TLS trust). Until it is, the built-in users of daicho.security.users can still sign "
                        + "in if the registration is removed (docs/console.md).",
                cause);
    }
}
