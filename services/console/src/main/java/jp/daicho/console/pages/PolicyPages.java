package jp.daicho.console.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.daicho.console.api.Apis;

/** The privacy policy in force, and its versions. */
@Controller
class PolicyPages {

    private final Apis apis;

    PolicyPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/policy")
    String policy(@RequestParam(required = false) String version, Model model) {
        model.addAttribute("versions", apis.inventory().policyVersions());
        model.addAttribute("policy", version == null || version.isBlank() ? apis.inventory().policy()
                : apis.inventory().policyVersion(version).policy());
        return "policy";
    }
}
