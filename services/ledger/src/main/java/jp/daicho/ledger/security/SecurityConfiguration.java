package jp.daicho.ledger.security;

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

/**
 * Who may call what in the ledger's API. Only auditors and DPOs export records (Art. 29/30 records name
 * data subjects); administrators run purges and verifications; pipelines report occurrences with an
 * engineer's (service account's) credentials.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwt) throws Exception {
        return ApiSecurity.chain(http, properties, jwt.getIfAvailable(), requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/records", "/api/records/export", "/api/records/exports").hasAnyRole("AUDITOR", "DPO")
                .requestMatchers(HttpMethod.POST, "/api/records/export", "/api/records/disclosure").hasAnyRole("AUDITOR", "DPO")
                .requestMatchers(HttpMethod.POST, "/api/records/verify").hasAnyRole("AUDITOR", "DPO", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/records/purge").hasAnyRole("DPO", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/records/status").hasAnyRole(ApiSecurity.EVERY_ROLE)
                .requestMatchers(HttpMethod.GET, "/api/records/purges", "/api/occurrences/summary").hasAnyRole("AUDITOR", "DPO", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/occurrences").hasAnyRole("ENGINEER", "DPO", "ADMIN"));
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        return ApiSecurity.users(properties);
    }
}
