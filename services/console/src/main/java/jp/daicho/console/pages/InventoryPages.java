package jp.daicho.console.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.daicho.client.Inventory.DatasetSummary;
import jp.daicho.client.Inventory.ReviewRequest;
import jp.daicho.client.Inventory.RegisterEntryChange;
import jp.daicho.console.api.Apis;

/**
 * The inventory browser: systems and their datasets, a dataset's fields with classification, confidence,
 * evidence and history, and the DPO's confirm / override of a field's classification.
 */
@Controller
class InventoryPages {

    private final Apis apis;

    InventoryPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/inventory")
    String systems(Model model) {
        var bySystem = new TreeMap<String, List<DatasetSummary>>();
        apis.inventory().datasets().forEach(d -> bySystem.computeIfAbsent(d.system(), k -> new ArrayList<>()).add(d));
        model.addAttribute("bySystem", bySystem);
        model.addAttribute("systems", apis.inventory().systems());
        return "inventory";
    }

    @GetMapping("/inventory/dataset")
    String dataset(@RequestParam String id, @RequestParam(required = false) LocalDate asOf, Model model) {
        model.addAttribute("dataset", apis.inventory().dataset(id, asOf));
        model.addAttribute("asOf", asOf);
        model.addAttribute("policySubjects", policySubjects(apis));
        if (ConsoleModel.mayReadInformationLedger(SecurityContextHolder.getContext().getAuthentication())) {
            model.addAttribute("entry", apis.inventory().ledgerEntry(id));
        }
        return "dataset";
    }

    /** The DPO records what the 台帳 cannot observe of a dataset; the entry is replaced whole and its version before kept. */
    @PostMapping("/inventory/ledger-entry")
    String ledgerEntry(@RequestParam String dataset, @RequestParam(required = false) String acquisitionMethod,
                       @RequestParam(required = false) Long persons, @RequestParam(required = false) String storageMedium,
                       @RequestParam(required = false) String storagePlace, @RequestParam(required = false) String usePeriod,
                       @RequestParam(required = false) String retention, @RequestParam(required = false) String disposalMethod,
                       @RequestParam(required = false) String manager, @RequestParam(required = false) String access,
                       RedirectAttributes redirect) {
        var who = access == null ? List.<String>of()
                : java.util.Arrays.stream(access.split("[,、\\n]")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        apis.inventory().recordLedgerEntry(dataset, new RegisterEntryChange(acquisitionMethod, persons, storageMedium,
                storagePlace, usePeriod, retention, disposalMethod, manager, who));
        redirect.addFlashAttribute("entryRecorded", true);
        return "redirect:/inventory/dataset?id=" + encode(dataset) + "#ledger-entry";
    }

    @PostMapping("/inventory/review")
    String review(@RequestParam String dataset, @RequestParam String field, @RequestParam String decision,
                  @RequestParam(required = false) String item, @RequestParam(required = false) String subject,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                  RedirectAttributes redirect) {
        boolean override = "OVERRIDE".equals(decision);
        apis.inventory().review(dataset, field, new ReviewRequest(decision, override ? item : null, override ? subject : null,
                reason == null || reason.isBlank() ? null : reason));
        redirect.addFlashAttribute("reviewed", field);
        // From the review queue, back to it; from a dataset's page, back to that field.
        return "review".equals(back) ? "redirect:/review" : "redirect:/inventory/dataset?id=" + encode(dataset);
    }

    @GetMapping("/review")
    String queue(Model model) {
        model.addAttribute("queue", apis.inventory().reviewQueue(500));
        return "review";
    }

    /** The categories the policy in force declares beyond the four the classifier knows: code and the policy's label. */
    static Map<String, String> policySubjects(Apis apis) {
        var extra = new java.util.LinkedHashMap<String, String>();
        apis.inventory().policy().categories().forEach((code, category) -> {
            if (jp.daicho.vocabulary.Term.find(jp.daicho.vocabulary.Subject.class, code).isEmpty()) {
                extra.put(code, category.label());
            }
        });
        return extra;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
