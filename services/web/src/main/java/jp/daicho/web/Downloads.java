package jp.daicho.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /** One CSV line of quoted cells; a cell starting with = + - @ gets a leading ' so that Excel does not run it. */
    public static void csvLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            out.write('"');
            out.write(cell.indexOf('"') >= 0 ? cell.replace("\"", "\"\"") : cell);
            out.write('"');
        }
        out.write("\r\n");
    }
}
