package jp.daicho.inventory.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jp.daicho.inventory.yaml.YamlDocument;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Problems;

/**
 * Bad input gets a problem document that says what is wrong and how to fix it ({@link jp.daicho.web.ApiErrors}, and a
 * YAML document's every problem with its line); nothing of it was stored (every write is one transaction).
 */
// Before Spring Boot's problem-details handler, which would answer what these handle with its own words.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ApiErrors extends jp.daicho.web.ApiErrors {

    @Override
    protected String bodyDocs() {
        return "docs/api.md";
    }

    /** A document with errors: every problem with its line. */
    @ExceptionHandler(YamlDocument.Invalid.class)
    ProblemDetail invalid(YamlDocument.Invalid e, HttpServletRequest request) {
        return Problems.problem(HttpStatus.BAD_REQUEST, new Words("文書に誤りがあります。何も保存していません。",
                "The document is not valid; nothing was stored"), e.problems(), Problems.locale(request));
    }

    /** A write that breaks a database constraint (a reference to nothing, a duplicate): nothing was stored. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        return Problems.problem(HttpStatus.CONFLICT, new Words("台帳の内容と矛盾します（重複、又は知らないものへの参照）。何も保存していません。",
                "The request conflicts with the inventory (a duplicate or a reference to "
                + "something unknown); nothing was stored"), List.of(), Problems.locale(request));
    }
}
