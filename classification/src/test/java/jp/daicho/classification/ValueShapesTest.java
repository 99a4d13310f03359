package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Item;

class ValueShapesTest {

    @Test
    void japanesePhoneNumbersInEveryCommonForm() {
        for (String phone : new String[] {"090-1234-5678", "09012345678", "+81 90 1234 5678", "03-1234-5678", "０９０－１２３４－５６７８"}) {
            assertThat(ValueShapes.detect(phone)).as(phone).contains(Item.PHONE);
        }
    }

    @Test
    void myNumberNeedsItsCheckDigit() {
        assertThat(ValueShapes.myNumber("123456789018")).isTrue();
        assertThat(ValueShapes.myNumber("123456789012")).isFalse();
        assertThat(ValueShapes.detect("1234 5678 9018")).contains(Item.MY_NUMBER);
    }

    @Test
    void cardNumbersNeedLuhn() {
        assertThat(ValueShapes.detect("4111 1111 1111 1111")).contains(Item.PAYMENT_CARD);
        assertThat(ValueShapes.detect("4111 1111 1111 1112")).isNotEqualTo(Optional.of(Item.PAYMENT_CARD));
    }

    @Test
    void otherShapes() {
        assertThat(ValueShapes.detect("192.168.10.4")).contains(Item.IP_ADDRESS);
        assertThat(ValueShapes.detect("2001:db8::8a2e:370:7334")).contains(Item.IP_ADDRESS);
        assertThat(ValueShapes.detect("$2y$10$m4jfXuX8v/h2/1KZNUK9IKLdbFfu0XgOYgOjC29GFfm7sFog16pQe")).contains(Item.CREDENTIAL);
        assertThat(ValueShapes.detect("E11.9")).contains(Item.MEDICAL);
        assertThat(ValueShapes.detect("アムロジピン錠5mg")).contains(Item.MEDICAL);
        assertThat(ValueShapes.detect("東京都港区芝公園4-2-8")).contains(Item.ADDRESS);
        assertThat(ValueShapes.detect("〒105-0011")).contains(Item.POSTAL_CODE);
        assertThat(ValueShapes.detect("りんご")).isEmpty();
    }
}
