package jp.daicho.console.pages;

import java.util.LinkedHashMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.daicho.console.api.Apis;
import jp.daicho.console.api.Apis.Service;

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
        model.addAttribute("status", apis.data(Service.INVENTORY, "/api/status"));
        model.addAttribute("violations", apis.get(Service.INVENTORY, "/api/violations?open=true").size());
        model.addAttribute("reviewQueue", apis.get(Service.INVENTORY, "/api/review-queue?limit=10000").size());
        var byCategory = new LinkedHashMap<String, Integer>();
        for (String subject : new String[] {"customer", "partner", "employee", "applicant"}) {
            byCategory.put(subject, apis.get(Service.INVENTORY, "/api/fields?subject=" + subject + "&limit=10000").size());
        }
        model.addAttribute("byCategory", byCategory);
        model.addAttribute("sensitive", apis.get(Service.INVENTORY, "/api/fields?sensitive=true&limit=10000").size());
        model.addAttribute("systems", apis.get(Service.INVENTORY, "/api/systems").size());
        model.addAttribute("ledger", apis.data(Service.LEDGER, "/api/records/status"));
        return "dashboard";
    }
}
