package jp.daicho.console.pages;

import java.util.Comparator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.daicho.console.api.Apis;

/** Parties: contractors with contract and supervision status, joint users, third parties by country. */
@Controller
class PartyPages {

    private final Apis apis;

    PartyPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/parties")
    String parties(Model model) {
        var parties = apis.inventory().parties();
        model.addAttribute("entrustments", apis.inventory().entrustments());
        model.addAttribute("jointUsers", parties.stream().filter(p -> "JOINT_USER".equals(p.kind())).toList());
        model.addAttribute("thirdParties", parties.stream().filter(p -> "THIRD_PARTY".equals(p.kind()))
                .sorted(Comparator.comparing(p -> String.valueOf(p.country()))).toList());
        model.addAttribute("parties", parties);
        model.addAttribute("crossBorder", apis.inventory().crossBorder());
        return "parties";
    }
}
