package jp.daicho.classification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalizes identifiers before matching: NFKC (full-width to half-width, half-width kana to full-width),
 * lower case, and split into tokens at '_', '-', spaces, digits and camelCase humps
 * ({@code emailAddress2} becomes {@code [email, address]}).
 */
final class Names {

    private Names() {
    }

    static String normalize(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    }

    /** Names repeat across tables and events: their tokens are remembered, within a bound. */
    private static final int MEMO_LIMIT = 50_000;
    private static final java.util.Map<String, List<String>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, List<String>> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> memo(java.util.Map<String, List<String>> memo, String raw,
                                     java.util.function.Function<String, List<String>> compute) {
        String key = raw == null ? "" : raw;
        List<String> known = memo.get(key);
        if (known == null) {
            if (memo.size() > MEMO_LIMIT) {
                memo.clear();
            }
            known = List.copyOf(compute.apply(key));
            memo.put(key, known);
        }
        return known;
    }

    static List<String> tokens(String raw) {
        return memo(TOKENS, raw, Names::split);
    }

    private static List<String> split(String raw) {
        String s = normalize(raw);
        var tokens = new ArrayList<String>();
        var current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean boundary = c == '_' || c == '-' || c == ' ' || c == '.' || Character.isDigit(c);
            boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(s.charAt(i - 1))
                    || i > 0 && Character.isLetter(c) && Character.isLetter(s.charAt(i - 1))
                    && (c < 0x80) != (s.charAt(i - 1) < 0x80); // 記録ID: Japanese then Latin
            if (boundary || hump) {
                flush(current, tokens);
            }
            if (!boundary) {
                current.append(Character.toLowerCase(c));
            }
        }
        flush(current, tokens);
        return tokens;
    }

    /**
     * Tokens with abbreviations and romaji read as the English words they stand for ({@code kanja_id} →
     * patient, id; {@code tel} → phone): what the rules match their vocabulary against.
     */
    static List<String> words(String raw) {
        return memo(WORDS, raw, Names::read);
    }

    private static List<String> read(String raw) {
        var words = new ArrayList<String>();
        for (String token : tokens(raw)) {
            words.addAll(Words.reading(token));
        }
        return words;
    }

    private static void flush(StringBuilder current, List<String> tokens) {
        if (!current.isEmpty()) {
            tokens.add(current.toString().toLowerCase(Locale.ROOT));
            current.setLength(0);
        }
    }
}
