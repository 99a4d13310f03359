package jp.daicho.console.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

import jp.daicho.client.ApiRefused;
import jp.daicho.client.InventoryClient;
import jp.daicho.client.LedgerClient;
import jp.daicho.client.Problem;
import jp.daicho.console.ConsoleProperties;

/**
 * The inventory's and the ledger's APIs through the typed client, each call signed as the signed-in user. A refusal
 * is the client's {@link ApiRefused} with the API's problem document, which the pages explain.
 */
@Component
public class Apis {

    private final InventoryClient inventory;
    private final LedgerClient ledger;

    private final OAuth2AuthorizedClientManager tokens;

    Apis(ConsoleProperties properties, OAuth2AuthorizedClientManager tokens) {
        this.tokens = tokens;
        // Refusals in the user's language: the page shows the API's explanation as it is.
        this.inventory = new InventoryClient(properties.inventoryUrl(), this::authorization, LocaleContextHolder::getLocale);
        this.ledger = new LedgerClient(properties.ledgerUrl(), this::authorization, LocaleContextHolder::getLocale);
    }

    public InventoryClient inventory() {
        return inventory;
    }

    public LedgerClient ledger() {
        return ledger;
    }

    /** A refusal the console itself makes, worded as the APIs word theirs. */
    public static ApiRefused refused(int status, String detail) {
        return new ApiRefused("the console", new Problem(status, null, detail, List.of(), Map.of()));
    }

    /**
     * How the signed-in user calls the APIs: with the access token of the company's provider (refreshed when it has
     * expired), or as a built-in user with what they signed in with.
     */
    private String authorization() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who instanceof OAuth2AuthenticationToken oidc) {
            var client = tokens.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(oidc.getAuthorizedClientRegistrationId()).principal(oidc).build());
            if (client == null || client.getAccessToken() == null) {
                throw refused(401, "Sign in again: the provider's session for the APIs has ended");
            }
            return "Bearer " + client.getAccessToken().getTokenValue();
        }
        if (who == null || !(who.getCredentials() instanceof String password)) {
            throw refused(401, "Sign in again: the session has no credentials for the APIs");
        }
        return "Basic " + Base64.getEncoder().encodeToString((who.getName() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
