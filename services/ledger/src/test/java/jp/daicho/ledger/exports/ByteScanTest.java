package jp.daicho.ledger.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The eight-at-a-time scans find exactly what a byte-by-byte loop finds, wherever it is. */
class ByteScanTest {

    @Test
    void findsEveryQuoteBackslashAndControlCharacterAtAnyPosition() {
        byte[] japanese = "株式会社サンプル商事・東京都千代田区丸の内１－１－１".getBytes(StandardCharsets.UTF_8);
        assertThat(ByteScan.quote(japanese, 0, japanese.length)).isEqualTo(-1);
        assertThat(ByteScan.jsonSpecial(japanese, 0, japanese.length)).as("UTF-8 bytes are not control characters").isEqualTo(-1);
        for (int length = 1; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                for (byte special : new byte[] {'"', '\\', '\n', '\t', 0x01, 0x1f}) {
                    byte[] b = new byte[length + 3];
                    java.util.Arrays.fill(b, (byte) 'a');
                    if (at > 0) {
                        b[at] = (byte) 0xe3; // a UTF-8 lead byte just before it
                    }
                    b[1 + at] = special;
                    int expectedQuote = special == '"' ? 1 + at : -1;
                    assertThat(ByteScan.quote(b, 1, 1 + length)).as("quote, length %d at %d", length, at).isEqualTo(expectedQuote);
                    assertThat(ByteScan.jsonSpecial(b, 1, 1 + length)).as("json %d, length %d at %d", special, length, at)
                            .isEqualTo(1 + at);
                    assertThat(ByteScan.jsonSpecial(b, 2 + at, 1 + length)).as("after it").isEqualTo(-1);
                }
            }
        }
        byte[] spaceAndTilde = " ~ ~ ~ ~ ~ ~ ~ ~".getBytes(StandardCharsets.US_ASCII);
        assertThat(ByteScan.jsonSpecial(spaceAndTilde, 0, spaceAndTilde.length)).isEqualTo(-1);
    }
}
