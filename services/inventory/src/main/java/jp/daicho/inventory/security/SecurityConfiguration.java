package jp.daicho.inventory.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Every endpoint names the roles it serves, so that a wrong role gets 403 and an
 * unauthenticated call 401; anything not listed is refused. Authentication is HTTP Basic against
 * {@code daicho.security.users} and, when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), OAuth2/OIDC bearer tokens whose
 * {@code daicho.security.roles-claim} holds the roles.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final String[] READERS = {"DPO", "ENGINEER", "AUDITOR", "ADMIN"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwt) throws Exception {
        if (properties.users().isEmpty() && jwt.getIfAvailable() == null) {
            throw new IllegalStateException("No way to authenticate API users: set daicho.security.users "
                    + "(name, {bcrypt} password, roles) or spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        http.csrf(csrf -> csrf.disable()) // a stateless API: no cookies, no sessions
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        // The personal-information ledger export: for those who answer for it.
                        .requestMatchers(HttpMethod.GET, "/api/ledger", "/api/ledger/**").hasAnyRole("DPO", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                        // Review of classifications: the DPO's decision.
                        .requestMatchers(HttpMethod.POST, "/api/datasets/*/fields/*/review").hasRole("DPO")
                        .requestMatchers(HttpMethod.POST, "/api/violations/*/resolve").hasRole("DPO")
                        // Reference data: systems, parties, policy versions.
                        .requestMatchers(HttpMethod.POST, "/api/systems", "/api/parties", "/api/policy").hasAnyRole("DPO", "ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/systems/*", "/api/parties/*").hasAnyRole("DPO", "ADMIN")
                        // Pipelines: engineers check and register them; the DPO may too.
                        .requestMatchers(HttpMethod.POST, "/api/pipelines/validate").hasAnyRole("ENGINEER", "DPO", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/pipelines").hasAnyRole("ENGINEER", "DPO")
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("daicho"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "Sign in: HTTP Basic with a daicho.security.users entry, or a bearer token from the configured issuer."))
                        .accessDeniedHandler((request, response, denied) -> problem(response, HttpStatus.FORBIDDEN,
                                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI()
                                        + " (docs/operations.md lists which role may do what).")));
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(roles(properties.rolesClaim()))));
        }
        return http.build();
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"daicho\"");
        }
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        var users = new InMemoryUserDetailsManager();
        for (var user : properties.users()) {
            if (user.name() == null || user.password() == null || user.roles() == null || user.roles().isEmpty()) {
                throw new IllegalStateException("daicho.security.users: every user needs name, password and roles "
                        + "(one or more of DPO, ENGINEER, AUDITOR, ADMIN)");
            }
            users.createUser(User.withUsername(user.name()).password(user.password()).passwordEncoder(p -> p)
                    .roles(user.roles().stream().map(Role::name).toArray(String[]::new)).build());
        }
        // A plain UserDetailsService (not the manager itself): the manager would "upgrade" a {noop} password
        // to bcrypt on first login, and then every stateless request would pay a bcrypt check (~100 ms).
        return users::loadUserByUsername;
    }

    /** Roles from the token's claim (a list or a space-separated string), as ROLE_ authorities. */
    static Converter<Jwt, AbstractAuthenticationToken> roles(String claim) {
        return jwt -> {
            Object value = jwt.getClaims().get(claim);
            Collection<String> names = value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                    : value instanceof String text ? List.of(text.split("\\s+")) : List.of();
            var authorities = new ArrayList<GrantedAuthority>();
            for (String name : names) {
                String role = name.toUpperCase(Locale.ROOT);
                if (List.of("DPO", "ENGINEER", "AUDITOR", "ADMIN").contains(role)) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
                }
            }
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
