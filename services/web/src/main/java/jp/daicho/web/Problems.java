package jp.daicho.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Problem documents (RFC 9457) as every Daichō API answers bad input: what is wrong, and every problem found. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String detail, List<String> problems) {
        var p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("about:blank"));
        if (!problems.isEmpty()) {
            p.setProperty("problems", problems);
        }
        return p;
    }

    /** A path no endpoint serves (asked by someone whose roles may read anything there). */
    public static ProblemDetail noEndpoint(org.springframework.web.servlet.resource.NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, noEndpoint("/" + e.getResourcePath()), List.of());
    }

    static String noEndpoint(String path) {
        return "No endpoint serves " + path + " (docs/operations.md lists the API; GET /v3/api-docs describes it).";
    }

    public static ProblemDetail of(Rejected e) {
        var p = problem(e.status(), e.getMessage(), e.problems());
        e.details().forEach(p::setProperty);
        return p;
    }
}
