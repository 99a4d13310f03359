package jp.daicho.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST endpoint as the client calls it: the method, the path as the service's OpenAPI description writes it
 * ({@code /api/datasets/{id}}), and the record it answers ({@code many}: a JSON array of them; {@code Void}: nothing
 * read). {@code answered}: statuses whose body is that answer (a manifest with violations is answered 422 with the
 * same record); any other status is a refusal with a problem document.
 *
 * @param <T> what a call returns: the record, or a list of them
 */
public record Endpoint<T>(String method, String path, Class<?> type, boolean many, Set<Integer> answered, Duration timeout) {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final Set<Integer> OK = Set.of(200, 201);

    public static <T> Endpoint<T> get(String path, Class<T> type) {
        return new Endpoint<>("GET", path, type, false, OK, Duration.ofMinutes(2));
    }

    public static <T> Endpoint<List<T>> getList(String path, Class<T> type) {
        return new Endpoint<>("GET", path, type, true, OK, Duration.ofMinutes(2));
    }

    public static <T> Endpoint<T> post(String path, Class<T> type) {
        return new Endpoint<>("POST", path, type, false, OK, Duration.ofMinutes(2));
    }

    public static <T> Endpoint<List<T>> postList(String path, Class<T> type) {
        return new Endpoint<>("POST", path, type, true, OK, Duration.ofMinutes(2));
    }

    public static <T> Endpoint<T> put(String path, Class<T> type) {
        return new Endpoint<>("PUT", path, type, false, OK, Duration.ofMinutes(2));
    }

    /** The same endpoint, also answering its record with {@code status}. */
    public Endpoint<T> answering(int status) {
        var statuses = new java.util.HashSet<>(answered);
        statuses.add(status);
        return new Endpoint<>(method, path, type, many, Set.copyOf(statuses), timeout);
    }

    /** The same endpoint, given {@code timeout} to answer (a verification of the whole ledger takes minutes). */
    public Endpoint<T> within(Duration timeout) {
        return new Endpoint<>(method, path, type, many, answered, timeout);
    }

    /** The path with its variables replaced, in order, by {@code values} (URL-encoded). */
    public String path(Object... values) {
        Matcher m = VARIABLE.matcher(path);
        var out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i >= values.length) {
                throw new IllegalArgumentException(this + " needs a value for " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(String.valueOf(values[i++]))));
        }
        m.appendTail(out);
        if (i != values.length) {
            throw new IllegalArgumentException(method + " " + path + " takes " + i + " path values, not " + values.length);
        }
        return out.toString();
    }

    /** A path segment or query value, URL-encoded (spaces as %20). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
