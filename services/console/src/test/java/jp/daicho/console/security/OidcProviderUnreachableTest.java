package jp.daicho.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OidcProviderUnreachableTest {

    @Test
    void anUnreachableIssuerIsNamedWithWhatToCheck() {
        var cause = new IllegalArgumentException(OidcProviderUnreachable.SPRING_MESSAGE + "\"https://idp.example.jp/realms/daicho\"");
        var analysis = new OidcProviderUnreachable().analyze(new IllegalStateException("start failed", cause), cause);
        assertThat(analysis.getDescription()).contains("https://idp.example.jp/realms/daicho/.well-known/openid-configuration");
        assertThat(analysis.getAction()).contains("issuer-uri").contains("daicho.security.users");
    }

    @Test
    void otherFailuresAreLeftToSpring() {
        var cause = new IllegalArgumentException("something else");
        assertThat(new OidcProviderUnreachable().analyze(cause, cause)).isNull();
    }
}
