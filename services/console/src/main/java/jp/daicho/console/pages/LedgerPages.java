package jp.daicho.console.pages;

import java.time.LocalDate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.console.api.Apis;
import jp.daicho.console.api.Apis.Service;

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
        model.addAttribute("ledger", apis.data(Service.LEDGER, "/api/records/status"));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (ConsoleModel.mayExport(SecurityContextHolder.getContext().getAuthentication())) {
            if (search != null) {
                // The newest 100 matching records; the ledger logs the search like an export.
                model.addAttribute("found", apis.data(Service.LEDGER, "/api/records?limit=100" + filter(from, to, recipient, basis)));
            }
            model.addAttribute("exports", apis.data(Service.LEDGER, "/api/records/exports"));
        }
        return "ledger";
    }

    private static String filter(LocalDate from, LocalDate to, String recipient, String basis) {
        var query = new StringBuilder();
        if (from != null) {
            query.append("&from=").append(from);
        }
        if (to != null) {
            query.append("&to=").append(to);
        }
        if (recipient != null && !recipient.isBlank()) {
            query.append("&recipient=").append(InventoryPages.encode(recipient));
        }
        if (basis != null && !basis.isBlank()) {
            query.append("&basis=").append(InventoryPages.encode(basis));
        }
        return query.toString();
    }

    @GetMapping("/ledger/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) LocalDate from,
                                                 @RequestParam(required = false) LocalDate to,
                                                 @RequestParam(required = false) String recipient,
                                                 @RequestParam(required = false) String basis,
                                                 @RequestParam(defaultValue = "csv") String format) {
        if (!ConsoleModel.mayExport(SecurityContextHolder.getContext().getAuthentication())) {
            // Refused before the download starts, so that the browser shows why instead of a broken file.
            throw new Apis.ApiRefused(403, "Only auditors and DPOs export provision records.");
        }
        String query = "/api/records/export?format=" + ("jsonl".equals(format) ? "jsonl" : "csv") + filter(from, to, recipient, basis);
        var who = SecurityContextHolder.getContext();
        String file = "provision-records-" + LocalDate.now() + ("jsonl".equals(format) ? ".jsonl" : ".csv");
        return ResponseEntity.ok()
                .contentType("jsonl".equals(format) ? MediaType.parseMediaType("application/jsonl") : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out -> {
                    // The body is written on another thread: it signs the API call as the same user.
                    SecurityContextHolder.setContext(who);
                    try {
                        apis.copy(Service.LEDGER, query, out);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                });
    }

    @PostMapping("/ledger/verify")
    String verify(Model model) {
        model.addAttribute("verification", apis.data(apis.post(Service.LEDGER, "/api/records/verify", "application/json", null)));
        return ledger(null, null, null, null, null, model);
    }
}
