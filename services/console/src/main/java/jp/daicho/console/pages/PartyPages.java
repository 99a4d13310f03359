package jp.daicho.console.pages;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.daicho.console.api.Apis;
import jp.daicho.console.api.Apis.Service;

/** Parties: contractors with contract and supervision status, joint users, third parties by country. */
@Controller
class PartyPages {

    private final Apis apis;

    PartyPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/parties")
    @SuppressWarnings("unchecked")
    String parties(Model model) {
        var parties = (List<Map<String, Object>>) apis.data(Service.INVENTORY, "/api/parties");
        model.addAttribute("entrustments", apis.data(Service.INVENTORY, "/api/entrustments"));
        model.addAttribute("jointUsers", parties.stream().filter(p -> "JOINT_USER".equals(p.get("kind"))).toList());
        model.addAttribute("thirdParties", parties.stream().filter(p -> "THIRD_PARTY".equals(p.get("kind")))
                .sorted(java.util.Comparator.comparing(p -> String.valueOf(p.get("country")))).toList());
        model.addAttribute("parties", parties);
        model.addAttribute("crossBorder", apis.data(Service.INVENTORY, "/api/flows/cross-border"));
        return "parties";
    }
}
