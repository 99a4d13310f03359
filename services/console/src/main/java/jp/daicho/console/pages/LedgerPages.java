package jp.daicho.console.pages;

import java.time.LocalDate;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.client.LedgerClient;
import jp.daicho.console.api.Apis;

/**
 * The provision ledger for auditors and DPOs: its state, searches and export downloads (the ledger's own
 * files, digest line included, passed through as they stream), and verification of the chain.
 */
@Controller
class LedgerPages {

    private final Apis apis;

    LedgerPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/ledger")
    String ledger(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  @RequestParam(required = false) String recipient, @RequestParam(required = false) String basis,
                  @RequestParam(required = false) String search, Model model) {
        model.addAttribute("ledger", apis.ledger().status());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (ConsoleModel.mayExport(SecurityContextHolder.getContext().getAuthentication())) {
            if (search != null) {
                // The newest 100 matching records; the ledger logs the search like an export.
                model.addAttribute("found", apis.ledger().records(filter(from, to, recipient, basis), 100));
            }
            model.addAttribute("exports", apis.ledger().exports());
        }
        return "ledger";
    }

    private static LedgerClient.Filter filter(LocalDate from, LocalDate to, String recipient, String basis) {
        return new LedgerClient.Filter(from, to, blankToNull(recipient), blankToNull(basis));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @GetMapping("/ledger/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) LocalDate from,
                                                 @RequestParam(required = false) LocalDate to,
                                                 @RequestParam(required = false) String recipient,
                                                 @RequestParam(required = false) String basis,
                                                 @RequestParam(defaultValue = "csv") String format) {
        if (!ConsoleModel.mayExport(SecurityContextHolder.getContext().getAuthentication())) {
            // Refused before the download starts, so that the browser shows why instead of a broken file.
            throw Apis.refused(403, "Only auditors and DPOs export provision records.");
        }
        var filter = filter(from, to, recipient, basis);
        boolean jsonl = "jsonl".equals(format);
        String file = "provision-records-" + LocalDate.now(Times.TOKYO_ZONE) + (jsonl ? ".jsonl" : ".csv");
        return Download.of(file, jsonl ? Download.JSONL : Download.CSV, out -> apis.ledger().export(filter, jsonl ? "jsonl" : "csv", out));
    }

    @PostMapping("/ledger/verify")
    String verify(Model model) {
        model.addAttribute("verification", apis.ledger().verify());
        return ledger(null, null, null, null, null, model);
    }
}
