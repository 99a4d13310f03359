package jp.daicho.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Files our APIs hand out, the same way everywhere: streamed as attachments, and CSV that opens correctly
 * in Excel in Japan (UTF-8 with a BOM, CRLF, every cell quoted, formula-looking cells neutralised).
 */
public final class Downloads {

    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** The BOM that tells Excel a CSV file is UTF-8. */
    public static final char BOM = '\uFEFF';

    private Downloads() {
    }

    public static ResponseEntity<StreamingResponseBody> attachment(String file, MediaType type, StreamingResponseBody body) {
        return attachment(file, type, body, HttpHeaders.EMPTY);
    }

    public static ResponseEntity<StreamingResponseBody> attachment(String file, MediaType type, StreamingResponseBody body,
                                                                   HttpHeaders headers) {
        return ResponseEntity.ok().contentType(type).headers(headers)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(body);
    }

    /**
     * A whole CSV file — BOM, the header line, then each row the producer hands over as it reads it — so that an export
     * of any size streams with bounded memory.
     */
    public static void csv(OutputStream stream, List<String> headers, Consumer<Consumer<List<String>>> rows) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write(BOM);
        csvLine(out, headers);
        rows.accept(cells -> {
            try {
                csvLine(out, cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /** A JSON array of the values the producer hands over as it reads them, one per line, each encoded by {@code json}. */
    public static <T> void jsonArray(OutputStream stream, Function<T, String> json, Consumer<Consumer<T>> values)
            throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('[');
        boolean[] first = {true};
        values.accept(value -> {
            try {
                out.write(first[0] ? "\n" : ",\n");
                first[0] = false;
                out.write(json.apply(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.write("\n]\n");
        out.flush();
    }

    /** One CSV line of quoted cells; a cell starting with = + - @ gets a leading ' so that Excel does not run it. */
    public static void csvLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            csvCell(out, cells.get(i), i == 0);
        }
        csvEnd(out);
    }

    /** One quoted cell of a CSV line, written as it comes (for exports too large to build lines first). */
    public static void csvCell(Writer out, String cell, boolean first) throws IOException {
        if (!first) {
            out.write(',');
        }
        out.write('"');
        if (cell != null && !cell.isEmpty()) {
            if ("=+-@".indexOf(cell.charAt(0)) >= 0) {
                out.write('\'');
            }
            out.write(cell.indexOf('"') >= 0 ? cell.replace("\"", "\"\"") : cell);
        }
        out.write('"');
    }

    public static void csvEnd(Writer out) throws IOException {
        out.write("\r\n");
    }
}
