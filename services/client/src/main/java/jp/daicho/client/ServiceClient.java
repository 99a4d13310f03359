package jp.daicho.client;

import java.util.Locale;
import java.util.function.Supplier;

/** What the typed clients of the two services share: the transport to one service, signed and in one language. */
abstract class ServiceClient {

    protected final Api api;

    /**
     * @param service       what the service is called in messages
     * @param authorization the Authorization header for each call, or null
     * @param language      the language refusals are worded in, asked per call (null: English)
     */
    ServiceClient(String service, String baseUrl, Supplier<String> authorization, Supplier<Locale> language) {
        this.api = new Api(service, baseUrl, authorization, language);
    }

    /** The transport, for what the typed methods do not cover (a raw answer for {@code --json}). */
    public Api api() {
        return api;
    }
}
