package jp.daicho.inventory.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One data subject's request as the register shows it: nothing that identifies the person (their key and items stay
 * sealed; {@code GET /api/requests/{id}/subject} opens them for the DPO).
 *
 * @param overdue   still open after its due date (Asia/Tokyo)
 * @param feeYen    the policy's fee where Art. 38 allows one for this kind; null otherwise
 */
public record SubjectRequest(String id, Described kind, String category, String categoryLabel, LocalDate receivedOn,
                             String channel, LocalDate dueOn, boolean overdue, Integer feeYen, String answerFormat,
                             Status status, Identity identity, List<Described> grounds, String outcomeNote,
                             LocalDate answeredOn, LocalDate notifiedOn, String policyVersion, Instant createdAt,
                             String createdBy, Instant updatedAt, String updatedBy) {

    /** A code with its article and its words in Japanese and English. */
    public record Described(String code, String article, String japanese, String english) {

        static Described of(Enum<?> code, Article article) {
            return new Described(code.name(), article.number(), article.japanese(), article.english());
        }

        static Described of(RequestKind kind) {
            return of(kind, kind.article());
        }

        static Described of(Grounds grounds) {
            return of(grounds, grounds.article());
        }
    }

    /** Where a request stands; the last four close it. */
    public enum Status {
        RECEIVED("受付", "Received"),
        IDENTITY_CHECKED("本人確認済", "Identity checked"),
        ANSWERED("回答済", "Answered"),
        PARTLY_ANSWERED("一部回答", "Partly answered"),
        REFUSED("不開示・不実施", "Refused"),
        WITHDRAWN("取下げ", "Withdrawn");

        private final String japanese;
        private final String english;

        Status(String japanese, String english) {
            this.japanese = japanese;
            this.english = english;
        }

        public String japanese() {
            return japanese;
        }

        public String english() {
            return english;
        }

        public boolean open() {
            return this == RECEIVED || this == IDENTITY_CHECKED;
        }
    }

    /** The identity check as recorded: how, by whom, when; never a copy of the document. */
    public record Identity(String method, String checkedBy, Instant checkedAt) {
    }

    /** What the request body of {@code POST /api/requests} carries. */
    public record Received(String kind, String category, LocalDate receivedOn, String channel, Person subject,
                           String answerFormat) {
    }

    /**
     * The person, as the request names them: sealed at once, never stored in clear.
     *
     * @param key   how the company's systems know them (member number, e-mail address, employee number) — the ledger
     *              finds their provision records by its pseudonym
     * @param items what else identifies them for the answer (氏名, 連絡先)
     */
    public record Person(String key, Map<String, String> items) {
    }

    /** The person as the request named them, unsealed: {@code GET /api/requests/{id}/subject}, the DPO only. */
    public record Unsealed(String request, String key, Map<String, String> items) {
    }

    /** {@code POST /api/requests/{id}/identity-check}. */
    public record IdentityCheck(String method) {
    }

    /** {@code POST /api/requests/{id}/answer}: the outcome, its grounds, and when the person was told. */
    public record Answer(Status outcome, List<String> grounds, String note, LocalDate answeredOn, LocalDate notifiedOn) {
    }

    /** One entry of a request's history. */
    public record Step(Instant at, String by, String action, String detail) {
    }

    /** One view of a request: who saw it, when, how. */
    public record View(String viewedBy, Instant viewedAt, String view) {
    }
}
