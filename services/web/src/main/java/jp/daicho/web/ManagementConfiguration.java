package jp.daicho.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP side of a service whose only endpoints are the actuator's (capture, the classifier): health without a login
 * for probes, Prometheus metrics and health details for administrators signed in as the APIs' users are
 * ({@link ApiSecurity#management}). Imported by such a service's application class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class ManagementConfiguration {

    @Bean
    SecurityFilterChain management(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwt)
            throws Exception {
        return ApiSecurity.management(http, properties, jwt.getIfAvailable());
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        return ApiSecurity.users(properties);
    }
}
