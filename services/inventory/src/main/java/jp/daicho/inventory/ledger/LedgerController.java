package jp.daicho.inventory.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.inventory.history.AsOf;
import jp.daicho.web.Downloads;
import jp.daicho.web.Rejected;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal-information ledger (個人情報管理台帳) as CSV (UTF-8 with BOM, CRLF, Japanese headers: opens
 * correctly in Excel in Japan), JSON, or XLSX; streamed, so its size does not matter.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

    private final LedgerExport export;
    private final JsonMapper json = JsonMapper.builder().build();

    LedgerController(LedgerExport export) {
        this.export = export;
    }

    @GetMapping
    ResponseEntity<StreamingResponseBody> ledger(@RequestParam(defaultValue = "csv") String format,
                                                 @RequestParam(required = false) String asOf) {
        var at = AsOf.parse(asOf);
        // Named by the day it stands for (Japan's), and the time too when asked as of an instant within a day.
        String name = "personal-information-ledger-" + at.day() + (at.now() || asOf.strip().length() == 10 ? ""
                : "T" + java.time.LocalTime.ofInstant(at.at(), jp.daicho.vocabulary.Japan.ZONE)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace(":", ""));
        return switch (format) {
            case "csv" -> Downloads.attachment(name + ".csv", Downloads.CSV, out -> csv(at, out));
            case "json" -> Downloads.attachment(name + ".json", MediaType.APPLICATION_JSON, out -> json(at, out));
            case "xlsx" -> Downloads.attachment(name + ".xlsx",
                    MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), out -> xlsx(at, out));
            default -> throw new Rejected(HttpStatus.BAD_REQUEST, "format は csv、json 又は xlsx です（'" + format + "' ではなく）。",
                    "format must be csv, json or xlsx, not '" + format + "'");
        };
    }


    void csv(AsOf at, OutputStream stream) throws IOException {
        Downloads.csv(stream, LedgerRow.HEADERS_JA, out -> export.rows(at, row -> out.accept(row.cells())));
    }

    void json(AsOf at, OutputStream stream) throws IOException {
        Downloads.<LedgerRow>jsonArray(stream, json::writeValueAsString, rows -> export.rows(at, rows));
    }

    void xlsx(AsOf at, OutputStream stream) throws IOException {
        var workbook = new Workbook(stream, "Daicho", "1.0");
        Worksheet sheet = workbook.newWorksheet("個人情報管理台帳");
        var headers = LedgerRow.HEADERS_JA;
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
        sheet.style(0, 0).bold();
        int[] r = {1};
        export.rows(at, row -> {
            var cells = row.cells();
            for (int c = 0; c < cells.size(); c++) {
                sheet.value(r[0], c, cells.get(c));
            }
            if (++r[0] % 1000 == 0) {
                try {
                    sheet.flush(); // rows written so far leave memory
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        workbook.finish();
    }
}
