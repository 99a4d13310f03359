package jp.daicho.console.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.daicho.console.api.Apis;

/**
 * Flows nobody declared (docs/readers.md): who reads personal data — Kafka consumer groups, replication slots,
 * binary-log clients, roles with SELECT — each registered (a pipeline names it), accepted by the DPO as internal use,
 * or not accounted for (first, in red). The DPO accepts one with a reason, or withdraws an acceptance.
 */
@Controller
class ReaderPages {

    private final Apis apis;

    ReaderPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/readers")
    String readers(Model model) {
        model.addAttribute("readers", apis.inventory().readers());
        return "readers";
    }

    @PostMapping("/readers/accept")
    String accept(@RequestParam String kind, @RequestParam String name, @RequestParam String reason, RedirectAttributes redirect) {
        apis.inventory().acceptReader(kind, name, reason);
        redirect.addFlashAttribute("done", "accepted");
        return "redirect:/readers";
    }

    @PostMapping("/readers/withdraw")
    String withdraw(@RequestParam String kind, @RequestParam String name, RedirectAttributes redirect) {
        apis.inventory().withdrawReader(kind, name);
        redirect.addFlashAttribute("done", "withdrawn");
        return "redirect:/readers";
    }
}
