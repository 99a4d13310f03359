package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import jp.daicho.schemas.Taxonomy;

class ItemTest {

    @Test
    void theEnumIsExactlyThePublishedTaxonomy() {
        assertThat(Arrays.stream(Item.values()).map(Item::code)).containsExactlyElementsOf(Taxonomy.ITEMS);
        assertThat(Arrays.stream(Item.values()).filter(Item::sensitive).map(Item::code))
                .containsExactlyElementsOf(Taxonomy.SENSITIVE_ITEMS);
        assertThat(Arrays.stream(Subject.values()).map(Subject::code)).containsExactlyElementsOf(Taxonomy.SUBJECTS);
    }
}
