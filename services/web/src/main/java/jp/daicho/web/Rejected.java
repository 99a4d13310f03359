package jp.daicho.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request a Daichō service refuses, with the status, what is wrong, and optional structured details. */
public class Rejected extends RuntimeException {

    private final HttpStatus status;
    private final List<String> problems;
    private final Map<String, Object> details;

    public Rejected(HttpStatus status, String message) {
        this(status, message, List.of(), Map.of());
    }

    public Rejected(HttpStatus status, String message, List<String> problems, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.details = Map.copyOf(details);
    }

    public HttpStatus status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, Object> details() {
        return details;
    }
}
