package jp.daicho.console.pages;

import java.util.LinkedHashMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.daicho.console.api.Apis;

/** Sign-in and the dashboard: counts, open violations, the review queue, the provision ledger's state. */
@Controller
class HomePages {

    private final Apis apis;

    HomePages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String dashboard(Model model) {
        var inventory = apis.inventory();
        model.addAttribute("status", inventory.status());
        model.addAttribute("violations", inventory.violations(true, null).size());
        model.addAttribute("reviewQueue", inventory.reviewQueue(10_000).size());
        var byCategory = new LinkedHashMap<String, Integer>();
        for (String subject : new String[] {"customer", "partner", "employee", "applicant"}) {
            byCategory.put(subject, inventory.fields(null, subject, null, 10_000).size());
        }
        model.addAttribute("byCategory", byCategory);
        model.addAttribute("sensitive", inventory.fields(null, null, true, 10_000).size());
        model.addAttribute("systems", inventory.systems().size());
        model.addAttribute("ledger", apis.ledger().status());
        return "dashboard";
    }
}
