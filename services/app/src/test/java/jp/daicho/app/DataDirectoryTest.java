package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's data directory: one launcher at a time, only Daichō's, never one a newer version wrote. */
class DataDirectoryTest {

    @Test
    void aNewDirectoryIsMadeAndAnEarlierRunsIsResumed(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("daicho-data");
        try (var first = DataDirectory.open(data, false)) {
            assertThat(first.resumed()).isFalse();
            Files.writeString(first.resolve("kept.txt"), "台帳");
        }
        try (var second = DataDirectory.open(data, false)) {
            assertThat(second.resumed()).isTrue();
            assertThat(second.resolve("kept.txt")).hasContent("台帳");
        }
    }

    @Test
    void oneLauncherAtATime(@TempDir Path dir) throws Exception {
        try (var first = DataDirectory.open(dir, false)) {
            assertThatThrownBy(() -> DataDirectory.open(dir, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Daichō launcher is using").hasMessageContaining("--data-dir");
        }
        DataDirectory.open(dir, false).close(); // free again once the first stopped
    }

    @Test
    void aDirectoryOfSomethingElseIsNeitherUsedNorEmptied(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.docx"), "大切なファイル");
        assertThatThrownBy(() -> DataDirectory.open(dir, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not Daichō's data").hasMessageContaining("--data-dir");
        assertThat(dir.resolve("thesis.docx")).exists();
    }

    @Test
    void freshStartsOverAndANewerLayoutIsRefused(@TempDir Path dir) throws Exception {
        try (var data = DataDirectory.open(dir, false)) {
            Files.createDirectories(data.resolve("postgres/base"));
            Files.writeString(data.resolve("postgres/base/1"), "x");
        }
        try (var fresh = DataDirectory.open(dir, true)) {
            assertThat(fresh.resumed()).isFalse();
            assertThat(fresh.resolve("postgres")).doesNotExist();
        }
        Files.writeString(dir.resolve(DataDirectory.MARKER), "layout=" + (DataDirectory.LAYOUT + 1) + "\n");
        assertThatThrownBy(() -> DataDirectory.open(dir, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("written by a newer Daichō").hasMessageContaining("--fresh");
        Files.writeString(dir.resolve(DataDirectory.MARKER), "garbage");
        assertThatThrownBy(() -> DataDirectory.open(dir, false)).hasMessageContaining("is damaged");
    }
}
