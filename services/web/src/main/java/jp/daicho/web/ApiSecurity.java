package jp.daicho.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
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

import jp.daicho.vocabulary.Words;

/**
 * Sign-in and refusal the same way in every Daichō API. Each service names the roles of each of its
 * endpoints ({@code rules}); anything it does not list is refused. A wrong role gets 403, an
 * unauthenticated call or wrong credentials 401, a method the path does not serve 405 (with {@code Allow}), a path no
 * endpoint serves 404 — all as problem documents that say what to do. Authentication is HTTP Basic
 * against {@code daicho.security.users} and, when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), OAuth2/OIDC bearer tokens whose
 * {@code daicho.security.roles-claim} holds the roles.
 */
public final class ApiSecurity {

    /** Every role: for what anyone signed in may read. */
    public static final String[] EVERY_ROLE = {"DPO", "ENGINEER", "AUDITOR", "ADMIN"};

    private ApiSecurity() {
    }

    public static SecurityFilterChain chain(HttpSecurity http, SecurityProperties properties, JwtDecoder jwt,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        if (properties.users().isEmpty() && jwt == null) {
            throw new IllegalStateException("No way to authenticate API users: set daicho.security.users "
                    + "(name, {bcrypt} password, roles) or spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        return build(http, properties, jwt, rules);
    }

    /**
     * A service without an API of its own (capture, the classifier): health for anyone, metrics for administrators,
     * nothing else. With no users and no issuer configured, metrics are refused to everyone (401, saying what to set)
     * while health still answers: such a service starts without sign-in settings.
     */
    public static SecurityFilterChain management(HttpSecurity http, SecurityProperties properties, JwtDecoder jwt)
            throws Exception {
        return build(http, properties, jwt, requests -> {
        });
    }

    private static SecurityFilterChain build(HttpSecurity http, SecurityProperties properties, JwtDecoder jwt,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        http.csrf(csrf -> csrf.disable()) // a stateless API: no cookies, no sessions
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // Health needs no login (probes); metrics are an administrator's.
                    requests.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/v3/api-docs",
                                    "/v3/api-docs/**").permitAll()
                            .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole("ADMIN")
                            .requestMatchers("/error").permitAll();
                    rules.customize(requests);
                    requests.anyRequest().denyAll();
                })
                .httpBasic(basic -> basic.realmName("daicho").authenticationEntryPoint(ApiSecurity::unauthenticated))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(ApiSecurity::unauthenticated)
                        .accessDeniedHandler((request, response, denied) -> refused(http, request, response)));
        if (jwt != null) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(ApiSecurity::unauthenticated)
                    .jwt(j -> j.jwtAuthenticationConverter(roles(properties.rolesClaim()))));
        }
        return http.build();
    }

    /** No credentials, wrong ones, or a token that is not valid: 401, the same problem document for each. */
    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                        org.springframework.security.core.AuthenticationException failure) throws IOException {
        problem(request, response, HttpStatus.UNAUTHORIZED, new Words("サインインしてください: daicho.security.users の利用者（名前と"
                + "パスワード）による HTTP Basic、又は設定された発行者のベアラートークン。送られた資格情報は受け付けられませんでした。",
                "Sign in: HTTP Basic with a daicho.security.users entry (name and "
                + "password), or a bearer token from the configured issuer. The credentials sent, if any, were not accepted."));
    }

    /**
     * A signed-in caller refused: 404 when no endpoint serves the path, 405 when it is served but not with this method,
     * otherwise 403 (the caller's roles).
     */
    private static void refused(HttpSecurity http, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The actuator's endpoints are not the controllers': a refusal there is the caller's role.
        Set<String> methods = request.getRequestURI().startsWith("/actuator/") ? null
                : Endpoints.methodsServing(http.getSharedObject(ApplicationContext.class), request);
        if (methods != null && methods.isEmpty()) {
            problem(request, response, HttpStatus.NOT_FOUND, Problems.noEndpoint(request.getRequestURI()));
        } else if (methods != null && !methods.contains(request.getMethod())) {
            String allowed = String.join(", ", methods);
            response.setHeader("Allow", allowed);
            problem(request, response, HttpStatus.METHOD_NOT_ALLOWED, new Words(request.getRequestURI() + " は "
                    + request.getMethod() + " を受け付けません。受け付けるのは " + allowed + " です。",
                    request.getMethod() + " is not served on " + request.getRequestURI() + "; it answers " + allowed + "."));
        } else {
            problem(request, response, HttpStatus.FORBIDDEN, new Words("あなたの役割では " + request.getMethod() + " "
                    + request.getRequestURI() + " はできません（どの役割が何をできるかは docs/operations.md）。",
                    "Your roles do not allow " + request.getMethod() + " "
                    + request.getRequestURI() + " (docs/operations.md lists which role may do what)."));
        }
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Words words)
            throws java.io.IOException {
        String detail = words.in(Problems.locale(request));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"daicho\"");
        }
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    /** The built-in users of {@code daicho.security.users}. */
    public static UserDetailsService users(SecurityProperties properties) {
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
    public static Converter<Jwt, AbstractAuthenticationToken> roles(String claim) {
        return jwt -> new JwtAuthenticationToken(jwt, roleAuthorities(jwt.getClaims().get(claim)), jwt.getSubject());
    }

    /** A roles claim's value (a list or a space-separated string) as the ROLE_ authorities of Daichō's roles in it. */
    public static List<GrantedAuthority> roleAuthorities(Object value) {
        Collection<String> names = value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                : value instanceof String text ? List.of(text.split("\\s+")) : List.of();
        var authorities = new ArrayList<GrantedAuthority>();
        for (String name : names) {
            String role = name.toUpperCase(Locale.ROOT);
            if (List.of(EVERY_ROLE).contains(role)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return authorities;
    }
}
