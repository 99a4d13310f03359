package jp.daicho.ledger.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jp.daicho.web.Problems;
import jp.daicho.web.Rejected;
import tools.jackson.core.JacksonException;

/**
 * Bad requests get a problem document that says what is wrong. A body that is not the JSON we expect is
 * described by where it breaks (line, column, field), never by quoting it: it may hold a data subject's items.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class LedgerApiErrors {

    /** A path no endpoint serves. */
    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ProblemDetail noEndpoint(org.springframework.web.servlet.resource.NoResourceFoundException e) {
        return Problems.noEndpoint(e);
    }

    @ExceptionHandler(Rejected.class)
    ProblemDetail rejected(Rejected e) {
        return Problems.of(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLarge) {
                return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, RequestSizeLimit.DETAIL, List.of());
            }
        }
        String where = "";
        if (e.getCause() instanceof JacksonException j) {
            var location = j.getLocation();
            String path = j.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            where = (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + (path.isEmpty() ? "" : " (field " + path + ")");
        }
        return Problems.problem(HttpStatus.BAD_REQUEST, "The body is not the JSON this endpoint expects" + where
                + "; see docs/ledger.md for the fields. Nothing was recorded.", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())
                + (java.time.LocalDate.class.equals(e.getRequiredType()) ? " (use YYYY-MM-DD)" : ""), List.of());
    }
}
