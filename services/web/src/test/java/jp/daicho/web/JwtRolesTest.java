package jp.daicho.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** OIDC bearer tokens: roles come from the configured claim, as a list or a space-separated string. */
class JwtRolesTest {

    static Jwt token(String claim, Object roles) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("tanaka").claim(claim, roles)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    @Test
    void rolesFromAListClaimUnknownOnesIgnored() {
        var auth = ApiSecurity.roles("roles").convert(token("roles", List.of("dpo", "AUDITOR", "superuser")));

        assertThat(auth.getName()).isEqualTo("tanaka");
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_DPO", "ROLE_AUDITOR");
    }

    @Test
    void rolesFromASpaceSeparatedClaimOfAnotherName() {
        var auth = ApiSecurity.roles("daicho_roles").convert(token("daicho_roles", "ENGINEER admin"));

        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ENGINEER", "ROLE_ADMIN");
    }

    @Test
    void aTokenWithoutTheClaimHasNoRoleAndIsRefusedEverywhere() {
        assertThat(ApiSecurity.roles("roles").convert(token("groups", List.of("DPO"))).getAuthorities()).isEmpty();
    }
}
