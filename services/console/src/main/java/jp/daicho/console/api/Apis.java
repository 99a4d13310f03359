package jp.daicho.console.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

    Apis(ConsoleProperties properties) {
        // Refusals in the user's language: the page shows the API's explanation as it is.
        this.inventory = new InventoryClient(properties.inventoryUrl(), Apis::authorization, LocaleContextHolder::getLocale);
        this.ledger = new LedgerClient(properties.ledgerUrl(), Apis::authorization, LocaleContextHolder::getLocale);
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

    private static String authorization() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !(who.getCredentials() instanceof String password)) {
            throw refused(401, "Sign in again: the session has no credentials for the APIs");
        }
        return "Basic " + Base64.getEncoder().encodeToString((who.getName() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
