package jp.daicho.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.security.*}: who may call the API.
 *
 * @param users      built-in users for HTTP Basic (the embedded demo, small installations); passwords with
 *                   their encoding prefix ({@code {bcrypt}…}, or {@code {noop}…} for the demo only)
 * @param rolesClaim the JWT claim holding a user's roles when an OAuth2/OIDC issuer is configured
 *                   ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 */
@ConfigurationProperties("daicho.security")
public record SecurityProperties(@DefaultValue List<User> users, @DefaultValue("roles") String rolesClaim) {

    /** A built-in user and its roles: DPO, ENGINEER, AUDITOR, ADMIN. */
    public record User(String name, String password, List<Role> roles) {
    }
}
