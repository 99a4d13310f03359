package jp.daicho.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class ConsoleModelTest {

    @Test
    void theLanguageSwitchKeepsThePagesQueryAndReplacesTheLanguage() {
        assertThat(ConsoleModel.languageSwitch("state=closed", Locale.JAPANESE)).isEqualTo("?state=closed&lang=en");
        assertThat(ConsoleModel.languageSwitch("lang=en&from=2026-04-01&kind=DISCLOSURE", Locale.ENGLISH))
                .isEqualTo("?from=2026-04-01&kind=DISCLOSURE&lang=ja");
        assertThat(ConsoleModel.languageSwitch(null, Locale.JAPANESE)).isEqualTo("?lang=en");
        assertThat(ConsoleModel.languageSwitch("q=%E4%BC%9A%E5%93%A1&lang", Locale.JAPANESE)).isEqualTo("?q=%E4%BC%9A%E5%93%A1&lang=en");
    }
}
