package jp.daicho.console.security;

import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import jp.daicho.web.ApiSecurity;
import jp.daicho.web.SecurityProperties;

/**
 * Sign-in with a form against the same users as the APIs ({@code daicho.security.users}). The session keeps
 * what the user signed in with, on the server only, so that the console calls the APIs as that user and the
 * APIs' roles decide; forms carry CSRF tokens. Japanese by default; {@code ?lang=en} switches and is kept in
 * a cookie.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class ConsoleSecurity implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain console(HttpSecurity http, SecurityProperties properties) throws Exception {
        var provider = new DaoAuthenticationProvider(ApiSecurity.users(properties));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        var manager = new ProviderManager(provider);
        manager.setEraseCredentialsAfterAuthentication(false); // the console signs API calls with them
        return http.authenticationManager(manager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        // Health needs no login (probes).
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
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
