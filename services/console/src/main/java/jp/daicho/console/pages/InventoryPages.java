package jp.daicho.console.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.daicho.console.api.Apis;
import jp.daicho.console.api.Apis.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory browser: systems and their datasets, a dataset's fields with classification, confidence,
 * evidence and history, and the DPO's confirm / override of a field's classification.
 */
@Controller
class InventoryPages {

    private final Apis apis;
    private final JsonMapper json = JsonMapper.builder().build();

    InventoryPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/inventory")
    String systems(Model model) {
        @SuppressWarnings("unchecked")
        var datasets = (List<Map<String, Object>>) apis.data(Service.INVENTORY, "/api/datasets");
        var bySystem = new TreeMap<String, List<Map<String, Object>>>();
        datasets.forEach(d -> bySystem.computeIfAbsent(String.valueOf(d.get("system")), k -> new java.util.ArrayList<>()).add(d));
        model.addAttribute("bySystem", bySystem);
        model.addAttribute("systems", apis.data(Service.INVENTORY, "/api/systems"));
        return "inventory";
    }

    @GetMapping("/inventory/dataset")
    String dataset(@RequestParam String id, @RequestParam(required = false) String asOf, Model model) {
        String path = "/api/datasets/" + encode(id) + (asOf == null || asOf.isBlank() ? "" : "?asOf=" + encode(asOf));
        model.addAttribute("dataset", apis.data(Service.INVENTORY, path));
        model.addAttribute("asOf", asOf);
        return "dataset";
    }

    @PostMapping("/inventory/review")
    String review(@RequestParam String dataset, @RequestParam String field, @RequestParam String decision,
                  @RequestParam(required = false) String item, @RequestParam(required = false) String subject,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                  RedirectAttributes redirect) {
        var body = new LinkedHashMap<String, Object>();
        body.put("decision", decision);
        if ("OVERRIDE".equals(decision)) {
            body.put("item", item);
            body.put("subject", subject);
        }
        body.put("reason", reason == null || reason.isBlank() ? null : reason);
        apis.post(Service.INVENTORY, "/api/datasets/" + encode(dataset) + "/fields/" + encode(field) + "/review",
                "application/json", json.writeValueAsString(body));
        redirect.addFlashAttribute("reviewed", field);
        // From the review queue, back to it; from a dataset's page, back to that field.
        return "review".equals(back) ? "redirect:/review" : "redirect:/inventory/dataset?id=" + encode(dataset);
    }

    @GetMapping("/review")
    String queue(Model model) {
        model.addAttribute("queue", apis.data(Service.INVENTORY, "/api/review-queue?limit=500"));
        return "review";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
