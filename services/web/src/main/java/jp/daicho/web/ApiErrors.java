package jp.daicho.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jp.daicho.vocabulary.Words;
import tools.jackson.core.JacksonException;

/**
 * What every Daichō API answers bad input with, before Spring Boot's problem-details handler would answer it in its
 * own words ("Failed to read request"): a problem document saying what is wrong and what to send instead, in the
 * request's language (Japanese for {@code Accept-Language: ja}). Each service's {@code @RestControllerAdvice} extends
 * it with what only it refuses; annotate the subclass with {@code @Order(HIGHEST_PRECEDENCE)}.
 */
public abstract class ApiErrors {

    /** Where the service documents its request bodies, e.g. {@code docs/ledger.md}. */
    protected abstract String bodyDocs();

    /**
     * A problem document for an unreadable body whose cause the service recognises (a body over its size limit), or
     * null.
     */
    protected ProblemDetail unreadableBecause(Throwable cause, java.util.Locale locale) {
        return null;
    }

    /** A path no endpoint serves. */
    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noEndpoint(NoResourceFoundException e, HttpServletRequest request) {
        return Problems.noEndpoint(e, Problems.locale(request));
    }

    /** A request the service refuses: naming what does not exist, conflicting with what does, out of range. */
    @ExceptionHandler(Rejected.class)
    ProblemDetail rejected(Rejected e, HttpServletRequest request) {
        return Problems.of(e, Problems.locale(request));
    }

    /** A body that is not the JSON the endpoint expects: where it breaks, if the parser said. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        var locale = Problems.locale(request);
        for (Throwable t = e; t != null; t = t.getCause()) {
            var known = unreadableBecause(t, locale);
            if (known != null) {
                return known;
            }
        }
        String where = "";
        String whereJa = "";
        if (e.getCause() instanceof JacksonException j) {
            var location = j.getLocation();
            String path = j.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            where = (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + (path.isEmpty() ? "" : " (field " + path + ")");
            whereJa = (location == null ? "" : location.getLineNr() + "行" + location.getColumnNr() + "列目")
                    + (path.isEmpty() ? "" : "（項目 " + path + "）");
        }
        return Problems.problem(HttpStatus.BAD_REQUEST, new Words("本文がこのエンドポイントの受け付ける JSON ではありません"
                + (whereJa.isEmpty() ? "" : "（" + whereJa + "）") + "。項目は " + bodyDocs() + " をご覧ください。何も保存していません。",
                "The body is not the JSON this endpoint expects" + where + "; see " + bodyDocs()
                        + " for the fields. Nothing was stored."), List.of(), locale);
    }

    /** A query or path parameter of the wrong type: which, and the form it takes. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        boolean date = java.time.LocalDate.class.equals(e.getRequiredType());
        return Problems.problem(HttpStatus.BAD_REQUEST, new Words("パラメーター '" + e.getName() + "' の値が正しくありません"
                + (date ? "（2026-04-01 の形式で）" : ""), "Parameter '" + e.getName() + "' is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())
                + (date ? " (use YYYY-MM-DD)" : "")), List.of(), Problems.locale(request));
    }
}
