package jp.daicho.capture.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogTableTest {

    @Test
    void rowEstimatesKeepTwoSignificantDigitsAndNoEstimateIsNull() {
        assertThat(CatalogTable.rounded(0L)).isZero();
        assertThat(CatalogTable.rounded(87L)).isEqualTo(87L);
        assertThat(CatalogTable.rounded(99L)).isEqualTo(99L);
        assertThat(CatalogTable.rounded(100L)).isEqualTo(100L);
        assertThat(CatalogTable.rounded(1_234L)).isEqualTo(1_200L);
        assertThat(CatalogTable.rounded(1_299L)).isEqualTo(1_200L);
        assertThat(CatalogTable.rounded(9_876_543L)).isEqualTo(9_800_000L);
        assertThat(CatalogTable.rounded(-1L)).isNull();
        assertThat(CatalogTable.rounded(null)).isNull();
    }
}
