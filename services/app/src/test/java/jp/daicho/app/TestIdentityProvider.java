package jp.daicho.app;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OIDC provider for the tests (Spring Authorization Server), as a company's IdP would be: authorization code
 * for the console's client, JWT access and ID tokens carrying the user's Daichō roles in {@code roles}, signed with a
 * key the test holds (so that it can also sign tokens of its own, expired or by the wrong key). Its users:
 * {@code yamada} (DPO) and {@code sato} (AUDITOR), password {@code pass-<name>}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class TestIdentityProvider {

    static final String CLIENT_ID = "daicho-console";
    static final String CLIENT_SECRET = "console-secret";
    static final String KEY_ID = "test-idp-key";

    /** The provider on its own host name ({@code 127.0.0.1}), so that its session cookie is not the console's. */
    static ConfigurableApplicationContext start(int port, KeyPair key, String consoleRedirect) {
        return new SpringApplicationBuilder(TestIdentityProvider.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testIdpKey", key))
                .run("--spring.config.name=daicho-test-idp", "--server.port=" + port, "--server.address=127.0.0.1",
                        "--daicho.test.idp.redirect=" + consoleRedirect, "--logging.include-application-name=false",
                        "--spring.thymeleaf.check-template-location=false",
                        "--spring.autoconfigure.exclude="
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");
    }

    static String issuer(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults()).build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("yamada").password("{noop}pass-yamada").roles("DPO").build(),
                User.withUsername("sato").password("{noop}pass-sato").roles("AUDITOR").build());
    }

    @Bean
    RegisteredClientRepository clients(Environment environment) {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(environment.getRequiredProperty("daicho.test.idp.redirect"))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
                .build());
    }

    /** The user's roles, as the company's IdP would put them: {@code roles} in the access token and the ID token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> roles() {
        return context -> context.getClaims().claim("roles", context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList());
    }

    @Bean
    JWKSource<SecurityContext> keys(KeyPair testIdpKey) {
        var key = new RSAKey.Builder((RSAPublicKey) testIdpKey.getPublic()).privateKey((RSAPrivateKey) testIdpKey.getPrivate())
                .keyID(KEY_ID).build();
        return new ImmutableJWKSet<>(new JWKSet(List.of(key)));
    }

    /** For the provider's own user-info endpoint, which reads the access tokens it issued. */
    @Bean
    JwtDecoder jwtDecoder(KeyPair testIdpKey) {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) testIdpKey.getPublic()).build();
    }

    @Bean
    AuthorizationServerSettings settings() {
        return AuthorizationServerSettings.builder().build();
    }
}
