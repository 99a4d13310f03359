package jp.daicho.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import jp.daicho.vocabulary.Words;

/**
 * A request a Daichō service refuses, with the status, what is wrong (in Japanese and English: the answer is in the
 * language the request asks for), every problem found, and optional structured details.
 */
public class Rejected extends RuntimeException {

    private final HttpStatus status;
    private final Words words;
    private final List<Words> problems;
    private final Map<String, Object> details;

    public Rejected(HttpStatus status, String japanese, String english) {
        this(status, new Words(japanese, english), List.of(), Map.of());
    }

    public Rejected(HttpStatus status, Words message, List<Words> problems, Map<String, Object> details) {
        super(message.english());
        this.status = status;
        this.words = message;
        this.problems = List.copyOf(problems);
        this.details = Map.copyOf(details);
    }

    /**
     * A record sent to be stored, refused whole with every problem found in it (400): nothing was stored. Returns when
     * there is none.
     */
    public static void ifAny(List<Words> problems) {
        if (!problems.isEmpty()) {
            throw new Rejected(HttpStatus.BAD_REQUEST, new Words("内容に誤りがあります。何も保存していません。",
                    "The record is not valid; nothing was stored"), problems, Map.of());
        }
    }

    /**
     * Adds to {@code problems} what is wrong with a text field of such a record: missing when {@code required}, or longer
     * than {@code max} characters; named {@code japanese} and {@code english} in the two languages.
     */
    public static void checkText(String value, String japanese, String english, int max, boolean required,
                                 List<Words> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new Words(japanese + " がありません", english + " is missing"));
            }
        } else if (value.length() > max) {
            problems.add(new Words(japanese + " が" + max + "文字を超えています（" + value.length() + "文字）",
                    english + " is longer than " + max + " characters (" + value.length() + ")"));
        }
    }

    public HttpStatus status() {
        return status;
    }

    /** What is wrong, in both languages ({@link #getMessage()} is the English, for logs). */
    public Words words() {
        return words;
    }

    public List<Words> problems() {
        return problems;
    }

    public Map<String, Object> details() {
        return details;
    }
}
