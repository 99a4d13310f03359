package jp.daicho.inventory.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import jp.daicho.web.ApiSecurity;
import jp.daicho.web.SecurityProperties;

/** Who may call what in the inventory's API; sign-in and refusals as in every Daichō API ({@link ApiSecurity}). */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwt) throws Exception {
        return ApiSecurity.chain(http, properties, jwt.getIfAvailable(), requests -> requests
                // The personal-information ledger export: for those who answer for it.
                .requestMatchers(HttpMethod.GET, "/api/ledger", "/api/ledger/**").hasAnyRole("DPO", "AUDITOR", "ADMIN")
                // Data subjects' requests: the DPO records and answers them and alone opens the person's sealed items;
                // auditors read the register, its exports and its access log.
                .requestMatchers(HttpMethod.GET, "/api/requests/*/subject").hasRole("DPO")
                // Their tasks: engineers read those of their systems and record them done (the service checks which).
                .requestMatchers(HttpMethod.GET, "/api/requests/*/tasks", "/api/requests/*/tasks/*", "/api/tasks")
                        .hasAnyRole("DPO", "AUDITOR", "ENGINEER")
                .requestMatchers(HttpMethod.POST, "/api/requests/*/tasks/*/done").hasAnyRole("DPO", "ENGINEER")
                .requestMatchers(HttpMethod.GET, "/api/requests", "/api/requests/**").hasAnyRole("DPO", "AUDITOR")
                .requestMatchers(HttpMethod.POST, "/api/requests", "/api/requests/**").hasRole("DPO")
                .requestMatchers(HttpMethod.GET, "/api/incidents", "/api/incidents/**").hasAnyRole("DPO", "AUDITOR")
                .requestMatchers(HttpMethod.POST, "/api/incidents").hasRole("DPO")
                .requestMatchers(HttpMethod.POST, "/api/readers/accept", "/api/readers/withdraw").hasRole("DPO")
                .requestMatchers(HttpMethod.PUT, "/api/incidents/*").hasRole("DPO")
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ApiSecurity.EVERY_ROLE)
                // Review of classifications: the DPO's decision.
                .requestMatchers(HttpMethod.POST, "/api/datasets/*/fields/*/review").hasRole("DPO")
                .requestMatchers(HttpMethod.POST, "/api/violations/*/resolve").hasRole("DPO")
                // Reference data: systems, parties, policy versions.
                .requestMatchers(HttpMethod.POST, "/api/systems", "/api/parties", "/api/policy").hasAnyRole("DPO", "ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/systems/*", "/api/parties/*").hasAnyRole("DPO", "ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/country-regimes/*", "/api/security-measures/*").hasAnyRole("DPO", "ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/datasets/*/processing").hasRole("DPO")
                .requestMatchers(HttpMethod.DELETE, "/api/datasets/*/processing").hasRole("DPO")
                // Pipelines: engineers check and register them; the DPO may too.
                .requestMatchers(HttpMethod.POST, "/api/pipelines/validate").hasAnyRole("ENGINEER", "DPO", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/pipelines").hasAnyRole("ENGINEER", "DPO")
                .requestMatchers(HttpMethod.POST, "/api/declared-datasets").hasAnyRole("ENGINEER", "DPO")
                .requestMatchers(HttpMethod.PUT, "/api/declared-datasets/*").hasAnyRole("ENGINEER", "DPO")
                .requestMatchers(HttpMethod.PUT, "/api/pipelines/*").hasAnyRole("ENGINEER", "DPO")
                // Retiring one: the DPO's decision (a stop of provision, an ended contract).
                .requestMatchers(HttpMethod.POST, "/api/pipelines/*/retire").hasRole("DPO")
                // What the 台帳 records by hand, and its annual review: the DPO's.
                .requestMatchers(HttpMethod.PUT, "/api/ledger/entries/*").hasRole("DPO")
                .requestMatchers(HttpMethod.POST, "/api/ledger/reviews").hasRole("DPO"));
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        return ApiSecurity.users(properties);
    }
}
