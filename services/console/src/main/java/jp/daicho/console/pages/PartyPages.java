package jp.daicho.console.pages;

import java.time.LocalDate;
import java.util.Comparator;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.console.api.Apis;

/**
 * Parties: contractors with contract and supervision status, joint users, third parties by country, cross-border flows;
 * now or as they stood on a past day; and the 個人情報管理台帳 to download, as of any day.
 */
@Controller
class PartyPages {

    private final Apis apis;

    PartyPages(Apis apis) {
        this.apis = apis;
    }

    /** Now, or with {@code asOf} as the parties, entrustments and cross-border flows stood at the end of that day in Japan. */
    @GetMapping("/parties")
    String parties(@RequestParam(required = false) LocalDate asOf, Model model) {
        var parties = apis.inventory().parties(asOf);
        model.addAttribute("asOf", asOf);
        model.addAttribute("entrustments", apis.inventory().entrustments(asOf));
        model.addAttribute("jointUsers", parties.stream().filter(p -> "JOINT_USER".equals(p.kind())).toList());
        model.addAttribute("thirdParties", parties.stream().filter(p -> "THIRD_PARTY".equals(p.kind()))
                .sorted(Comparator.comparing(p -> String.valueOf(p.country()))).toList());
        model.addAttribute("parties", parties);
        model.addAttribute("crossBorder", apis.inventory().crossBorder(asOf));
        model.addAttribute("findings", apis.inventory().safeguardFindings());
        model.addAttribute("regimes", apis.inventory().countryRegimes());
        model.addAttribute("measures", apis.inventory().securityMeasures());
        if (ConsoleModel.mayReadInformationLedger(SecurityContextHolder.getContext().getAuthentication())) {
            model.addAttribute("reviews", apis.inventory().ledgerReviews());
        }
        return "parties";
    }

    /** The DPO records the annual review of the 台帳; the inventory counts what changed since the last. */
    @PostMapping("/parties/ledger-review")
    String review(@RequestParam(required = false) String note, RedirectAttributes redirect) {
        redirect.addFlashAttribute("reviewed", apis.inventory().reviewLedger(note == null || note.isBlank() ? null : note));
        return "redirect:/parties#information-ledger";
    }

    /**
     * The personal-information ledger (個人情報管理台帳) as the inventory streams it, now or as of the end of a day in
     * Japan: CSV for Excel, XLSX or JSON. DPOs, auditors and administrators (the inventory refuses others).
     */
    @GetMapping("/parties/information-ledger")
    ResponseEntity<StreamingResponseBody> informationLedger(@RequestParam(defaultValue = "csv") String format,
                                                            @RequestParam(required = false) LocalDate asOf) {
        if (!ConsoleModel.mayReadInformationLedger(SecurityContextHolder.getContext().getAuthentication())) {
            // Refused before the download starts, so that the browser shows why instead of a broken file.
            throw Apis.refused(403, "Only DPOs, auditors and administrators read the personal-information ledger.");
        }
        var type = switch (format) {
            case "xlsx" -> MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            case "json" -> MediaType.APPLICATION_JSON;
            case "csv" -> Download.CSV;
            default -> throw Apis.refused(400, "format must be csv, xlsx or json, not '" + format + "'");
        };
        if (asOf != null && asOf.isAfter(LocalDate.now(Times.TOKYO_ZONE))) {
            throw Apis.refused(400, "asOf " + asOf + " is in the future: the record answers up to today");
        }
        String file = "personal-information-ledger-" + (asOf != null ? asOf : LocalDate.now(Times.TOKYO_ZONE)) + "." + format;
        return Download.of(file, type, out -> apis.inventory().informationLedger(format, asOf, out));
    }
}
