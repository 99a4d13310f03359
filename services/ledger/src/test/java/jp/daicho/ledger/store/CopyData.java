package jp.daicho.ledger.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** Rows as PostgreSQL's binary COPY would send them, for code that reads {@link CopyOutRows.Row}s without a database. */
public final class CopyData {

    private CopyData() {
    }

    /** Encodes {@code rows} (values as {@link CopyInRows} takes them) and reads them back to {@code handler}. */
    public static long feed(List<Object[]> rows, CopyOutRows.Handler handler) throws IOException {
        if (rows.isEmpty()) {
            return 0;
        }
        var encoder = new BinaryCopy.Encoder(1024);
        rows.forEach(encoder::add);
        encoder.end();
        byte[] data = java.util.Arrays.copyOf(encoder.bytes(), encoder.length());
        boolean[] sent = {false};
        try {
            return CopyOutRows.read(() -> {
                if (sent[0]) {
                    return null;
                }
                sent[0] = true;
                return data;
            }, handler);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
