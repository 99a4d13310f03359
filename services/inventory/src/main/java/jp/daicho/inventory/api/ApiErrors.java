package jp.daicho.inventory.api;

import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jp.daicho.inventory.yaml.YamlDocument;
import jp.daicho.web.Problems;
import jp.daicho.web.Rejected;

/**
 * Bad input gets a problem document that says what is wrong and how to fix it; nothing of it was stored
 * (every write is one transaction).
 */
// Before Spring Boot's problem-details handler, which would answer what these handle with its own words.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ApiErrors {

    /** A document with errors: every problem with its line. */
    @ExceptionHandler(YamlDocument.Invalid.class)
    ProblemDetail invalid(YamlDocument.Invalid e) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "The document is not valid; nothing was stored", e.problems());
    }

    /** A path no endpoint serves. */
    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ProblemDetail noEndpoint(org.springframework.web.servlet.resource.NoResourceFoundException e) {
        return Problems.noEndpoint(e);
    }

    /** A request naming what does not exist or conflicts with what does. */
    @ExceptionHandler(Rejected.class)
    ProblemDetail rejected(Rejected e) {
        return Problems.of(e);
    }

    /** A write that breaks a database constraint (a reference to nothing, a duplicate): nothing was stored. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        return Problems.problem(HttpStatus.CONFLICT, "The request conflicts with the inventory (a duplicate or a reference to "
                + "something unknown); nothing was stored", List.of());
    }

}
