package jp.daicho.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import jp.daicho.vocabulary.Words;

/**
 * Problem documents (RFC 9457) as every Daichō API answers bad input: what is wrong, and every problem found, in the
 * language the request asks for ({@code Accept-Language: ja} for Japanese; English otherwise, and when it asks for
 * none, since the API's callers are programs first).
 */
public final class Problems {

    private Problems() {
    }

    /** The language a request asks for: its {@code Accept-Language}, or English when it names none. */
    public static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    public static ProblemDetail problem(HttpStatus status, Words detail, List<Words> problems, Locale locale) {
        var p = ProblemDetail.forStatusAndDetail(status, detail.in(locale));
        p.setType(URI.create("about:blank"));
        if (!problems.isEmpty()) {
            p.setProperty("problems", problems.stream().map(w -> w.in(locale)).toList());
        }
        return p;
    }

    /** A path no endpoint serves (asked by someone whose roles may read anything there). */
    public static ProblemDetail noEndpoint(org.springframework.web.servlet.resource.NoResourceFoundException e, Locale locale) {
        return problem(HttpStatus.NOT_FOUND, noEndpoint("/" + e.getResourcePath()), List.of(), locale);
    }

    static Words noEndpoint(String path) {
        return new Words(path + " を扱うエンドポイントはありません（API の一覧は docs/operations.md、説明は GET /v3/api-docs）。",
                "No endpoint serves " + path + " (docs/operations.md lists the API; GET /v3/api-docs describes it).");
    }

    public static ProblemDetail of(Rejected e, Locale locale) {
        var p = problem(e.status(), e.words(), e.problems(), locale);
        e.details().forEach(p::setProperty);
        return p;
    }
}
