package jp.daicho.client;

import java.util.ArrayList;
import java.util.List;

/** A query string: parameters whose value is null or blank are left out; values are URL-encoded. */
public final class Query {

    private final List<String> parameters = new ArrayList<>();

    private Query() {
    }

    public static Query of() {
        return new Query();
    }

    public Query with(String name, Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            parameters.add(name + "=" + Endpoint.encode(String.valueOf(value)));
        }
        return this;
    }

    /** "?a=1&b=2", or nothing. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }
}
