package jp.daicho.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaSafeTopicNamingStrategyTest {

    @Test
    void keepsValidNamesAndEscapesJapanese() {
        assertThat(KafkaSafeTopicNamingStrategy.escape("shop.public.order_lines")).isEqualTo("shop.public.order_lines");
        assertThat(KafkaSafeTopicNamingStrategy.escape("shop.public.会員")).isEqualTo("shop.public._u4f1a_u54e1");
        assertThat(KafkaSafeTopicNamingStrategy.escape("shop.public.a b")).as("padded to four hex digits").isEqualTo("shop.public.a_u0020b");
        assertThat(KafkaSafeTopicNamingStrategy.escape("shop.public.社員"))
                .isNotEqualTo(KafkaSafeTopicNamingStrategy.escape("shop.public.会員"));
    }
}
