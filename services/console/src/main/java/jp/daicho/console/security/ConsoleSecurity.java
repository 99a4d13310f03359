package jp.daicho.console.security;

import java.util.ArrayList;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import jp.daicho.web.ApiSecurity;
import jp.daicho.web.SecurityProperties;

/**
 * Sign-in to the console, two ways. With the company's OIDC provider (authorization code; configured as a Spring
 * client registration, docs/console.md): the console keeps the user's tokens on the server and calls the APIs with the
 * access token, no password involved; the roles are the ID token's {@code daicho.security.roles-claim}, as the APIs
 * read them from the access token. With a form against the APIs' built-in users ({@code daicho.security.users}, the
 * demo and small installations): the session keeps what the user signed in with, on the server only, so that the
 * console calls the APIs as that user. Either way the APIs' roles decide; forms carry CSRF tokens. Japanese by
 * default; {@code ?lang=en} switches and is kept in a cookie.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class ConsoleSecurity implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    @Bean
    SecurityFilterChain console(HttpSecurity http, SecurityProperties properties,
                                ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        boolean oidc = registrations.getIfAvailable() != null;
        if (properties.users().isEmpty() && !oidc) {
            throw new IllegalStateException("No way to sign in to the console: configure the company's OIDC provider "
                    + "(spring.security.oauth2.client.registration.<id>.* and provider.<id>.issuer-uri, docs/console.md) or "
                    + "daicho.security.users");
        }
        var provider = new DaoAuthenticationProvider(ApiSecurity.users(properties));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        // Beside the providers OIDC sign-in adds; the built-in users' passwords are kept: the console signs API calls
        // with them.
        http.getSharedObject(AuthenticationManagerBuilder.class).eraseCredentials(false).authenticationProvider(provider);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        // Health needs no login (probes).
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        if (oidc) {
            http.oauth2Login(login -> login.loginPage("/login").defaultSuccessUrl("/", true)
                    .failureHandler((request, response, failure) -> {
                        // The provider's or the exchange's error code and description: what an administrator fixes.
                        log.warn("OIDC sign-in failed: {}", failure instanceof OAuth2AuthenticationException oauth
                                ? oauth.getError().getErrorCode() + " " + oauth.getError().getDescription()
                                : failure.getMessage());
                        response.sendRedirect(request.getContextPath() + "/login?error=oidc");
                    })
                    .userInfoEndpoint(user -> user.userAuthoritiesMapper(roles(properties.rolesClaim()))));
        }
        return http.build();
    }

    /**
     * The user's roles from the ID token's (or user info's) roles claim, as {@code ROLE_} authorities: the same
     * reading as the APIs' of the access token ({@link ApiSecurity#roles}).
     */
    static GrantedAuthoritiesMapper roles(String claim) {
        return authorities -> {
            var mapped = new ArrayList<GrantedAuthority>(authorities);
            for (var authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    var claims = new java.util.HashMap<String, Object>(oidc.getAttributes());
                    if (oidc.getIdToken() != null) {
                        claims.putAll(oidc.getIdToken().getClaims());
                    }
                    mapped.addAll(ApiSecurity.roleAuthorities(claims.get(claim)));
                }
            }
            return mapped;
        };
    }

    /**
     * The signed-in user's tokens, refreshed when the access token has expired: kept by the authorized-client service
     * on the server, reachable from any thread that knows the user (exports stream on threads of their own).
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ObjectProvider<ClientRegistrationRepository> registrations,
                                                    ObjectProvider<OAuth2AuthorizedClientService> clients) {
        var repository = registrations.getIfAvailable();
        var service = clients.getIfAvailable();
        if (repository == null || service == null) {
            return request -> null;
        }
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, service);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("daicho-lang");
        resolver.setDefaultLocale(Locale.JAPANESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
