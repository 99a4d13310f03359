package jp.daicho.testkit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The embedded demo's built-in users (profile {@code demo-users}: password = name), for API calls in tests. */
public final class DemoUsers {

    public static final String PROFILE = "demo-users";

    private DemoUsers() {
    }

    /** The Authorization header of a demo user: dpo, engineer, auditor or admin. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** A request signed in as the demo DPO. */
    public static HttpRequest.Builder asDpo(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", basic("dpo"));
    }
}
