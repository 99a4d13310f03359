package jp.daicho.classification;

/**
 * A feature that decided, as the evidence a DPO reads: {@code column-word:mail}, {@code value-shape:email},
 * {@code table-word:member}, {@code foreign-key:employee}. Features never hold a value, so neither does evidence.
 */
final class Evidence {

    private Evidence() {
    }

    static String of(String feature) {
        int colon = feature.indexOf(':');
        if (colon < 0) {
            return switch (feature) {
                case "pk" -> "key:own-key";
                case "fk" -> "key:foreign-key";
                case "audit" -> "column-name:audit-column";
                case "noname" -> "column-name:(none)";
                default -> feature;
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
            case "w", "last", "first", "bi", "jp" -> "column-word:" + rest;
            case "lex" -> "column-name:" + rest;
            case "comment" -> "column-comment:" + rest;
            case "type" -> "sql-type:" + rest;
            case "fk" -> rest.equals("self") ? "foreign-key:own-table" : "foreign-key:" + rest;
            case "fkw" -> "foreign-key-table-word:" + rest;
            case "ref" -> "reference-to:" + rest;
            case "shape" -> "value-shape:" + rest;
            case "s" -> "values:" + rest;
            case "rule" -> "rules:" + rest;
            case "rs" -> "rules-subject:" + rest;
            case "t", "thead", "tjp" -> "table-word:" + rest;
            case "tsubj" -> "table-name:" + rest;
            case "tk" -> "table-kind:" + rest;
            case "tsize" -> "table-size:" + rest;
            case "accounts" -> "accounts-belong-to:" + rest;
            case "nb" -> "schema-has:" + rest;
            default -> feature;
        };
    }
}
