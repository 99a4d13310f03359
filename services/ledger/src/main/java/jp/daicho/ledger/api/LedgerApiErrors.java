package jp.daicho.ledger.api;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jp.daicho.web.ApiErrors;
import jp.daicho.web.Problems;

/**
 * Bad requests get a problem document that says what is wrong ({@link ApiErrors}); a body over the size limit is
 * refused with 413 and what to do instead. Nothing of a refused request is recorded.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LedgerApiErrors extends ApiErrors {

    @Override
    protected String bodyDocs() {
        return "docs/ledger.md";
    }

    @Override
    protected ProblemDetail unreadableBecause(Throwable cause, Locale locale) {
        return cause instanceof RequestSizeLimit.TooLarge
                ? Problems.problem(HttpStatus.CONTENT_TOO_LARGE, RequestSizeLimit.WORDS, List.of(), locale) : null;
    }
}
