package jp.daicho.classification;

import static jp.daicho.vocabulary.EvidenceKind.*;

/**
 * A feature that decided, as the evidence a DPO reads: {@code column-word:mail}, {@code value-shape:email},
 * {@code table-word:member}, {@code foreign-key:employee}, each of an {@link jp.daicho.vocabulary.EvidenceKind}. Features never hold a value, so neither does evidence.
 */
final class Evidence {

    private Evidence() {
    }

    static String of(String feature) {
        int colon = feature.indexOf(':');
        if (colon < 0) {
            return switch (feature) {
                case "pk" -> KEY.about("own-key");
                case "fk" -> KEY.about("foreign-key");
                case "audit" -> COLUMN_NAME.about("audit-column");
                case "noname" -> COLUMN_NAME.about("(none)");
                default -> CONTEXT.about(feature);
            };
        }
        String kind = feature.substring(0, colon);
        String rest = feature.substring(colon + 1);
        int bar = rest.indexOf('|');
        if (bar >= 0) {
            // a pair of features: the first says what, the second where
            return of(kind + ":" + rest.substring(0, bar)) + "+" + of(rest.substring(bar + 1));
        }
        return switch (kind) {
            case "w", "last", "first", "bi", "jp" -> COLUMN_WORD.about(rest);
            case "lex" -> COLUMN_NAME.about(rest);
            case "comment" -> COLUMN_COMMENT.about(rest);
            case "type" -> SQL_TYPE.about(rest);
            case "fk" -> FOREIGN_KEY.about(rest.equals("self") ? "own-table" : rest);
            case "fkw" -> FOREIGN_KEY_TABLE_WORD.about(rest);
            case "ref" -> REFERENCE_TO.about(rest);
            case "shape" -> VALUE_SHAPE.about(rest);
            case "s" -> VALUES.about(rest);
            case "rule" -> RULES.about(rest);
            case "rs" -> RULES_SUBJECT.about(rest);
            case "t", "thead", "tjp" -> TABLE_WORD.about(rest);
            case "tsubj" -> TABLE_NAME.about(rest);
            case "ts" -> TABLE_SUBJECT.about(rest);
            case "ti" -> TABLE_HOLDS.about(rest);
            case "tc" -> TABLE_COLUMN_WORD.about(rest);
            case "tref" -> TABLE_REFERS_TO.about(rest);
            case "rts" -> REFERENCED_SUBJECT.about(rest);
            case "clinical" -> CLINICAL.about(rest);
            case "tk" -> TABLE_KIND.about(rest);
            case "tsize" -> TABLE_SIZE.about(rest);
            case "accounts" -> ACCOUNTS_BELONG_TO.about(rest);
            case "nb" -> SCHEMA_HAS.about(rest);
            default -> CONTEXT.about(feature);
        };
    }
}
