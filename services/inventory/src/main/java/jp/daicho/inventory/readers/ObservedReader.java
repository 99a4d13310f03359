package jp.daicho.inventory.readers;

import java.util.List;

import jp.daicho.vocabulary.ReaderKind;

/**
 * One reader as seen by one source of observation ({@code kafka}, or a captured source): what it reads, as topics or
 * tables ({@code reads}, dataset ids for tables), and what that says of it ({@code detail}, never a row value).
 */
public record ObservedReader(ReaderKind kind, String name, List<String> reads, String detail) {

    public ObservedReader {
        reads = List.copyOf(reads);
    }

    public String identity() {
        return kind.identity(name);
    }
}
