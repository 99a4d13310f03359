package jp.daicho.classifier.classification;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognizes what a sampled value looks like, after NFKC normalization, and masks it for evidence. A
 * masked shape keeps at most the first character of a name or the domain of an e-mail address: never
 * enough to recover the value.
 */
final class ValueShapes {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    // Japanese numbers: 0X0-XXXX-XXXX mobiles, 0X-XXXX-XXXX landlines, with or without separators, or +81.
    private static final Pattern PHONE_JP = Pattern.compile("(\\+81[- ]?|0)\\d{1,4}[- ]?\\d{1,4}[- ]?\\d{3,4}");
    private static final Pattern POSTAL_JP = Pattern.compile("〒?\\s?\\d{3}-?\\d{4}");
    private static final Pattern KANA = Pattern.compile("[\\p{InKatakana}\\p{InHiragana}ー・\\s]+");
    private static final Pattern PERSON_NAME_JA = Pattern.compile("\\p{IsHan}[\\p{IsHan}\\p{InHiragana}\\p{InKatakana}]{0,5}[\\s　]?[\\p{IsHan}\\p{InHiragana}\\p{InKatakana}]{1,6}");

    private ValueShapes() {
    }

    /** The item this single value looks like, if it looks like one at all. */
    static Optional<Item> detect(String raw) {
        String v = Names.normalize(raw);
        if (v.isEmpty() || v.length() > 256) {
            return Optional.empty();
        }
        if (EMAIL.matcher(v).matches()) {
            return Optional.of(Item.EMAIL);
        }
        String digits = v.replaceAll("[^0-9]", "");
        if (PHONE_JP.matcher(v).matches() && digits.length() >= 10 && digits.length() <= 12) {
            return Optional.of(Item.PHONE);
        }
        if (POSTAL_JP.matcher(v).matches() && (v.startsWith("〒") || v.contains("-"))) {
            return Optional.of(Item.POSTAL_CODE);
        }
        if (KANA.matcher(v).matches() && v.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.KATAKANA)) {
            return Optional.of(Item.NAME_KANA);
        }
        return Optional.empty();
    }

    /** Whether the value reads like a Japanese personal name (kanji family name, optional space, given name). */
    static boolean looksLikeJapaneseName(String raw) {
        String v = Names.normalize(raw);
        return v.length() >= 2 && v.length() <= 12 && PERSON_NAME_JA.matcher(v).matches();
    }

    /** A masked shape of the value for evidence: e-mail keeps its domain, anything else its first character. */
    static String mask(String raw) {
        String v = Names.normalize(raw);
        if (v.isEmpty()) {
            return "(empty)";
        }
        int at = v.indexOf('@');
        if (at > 0 && EMAIL.matcher(v).matches()) {
            return "***" + v.substring(at);
        }
        var masked = new StringBuilder();
        int count = 0;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (count == 0 && !Character.isDigit(cp)) {
                masked.appendCodePoint(cp);
            } else if (Character.isDigit(cp)) {
                masked.append('9');
            } else if (Character.isWhitespace(cp) || cp == '-' || cp == '+') {
                masked.appendCodePoint(cp);
            } else {
                masked.append('*');
            }
            count++;
            i += Character.charCount(cp);
            if (count >= 24) {
                masked.append('…');
                break;
            }
        }
        return masked.toString();
    }
}
