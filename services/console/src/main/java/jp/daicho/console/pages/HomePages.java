package jp.daicho.console.pages;

import java.util.LinkedHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.daicho.console.api.Apis;
import jp.daicho.web.SecurityProperties;

/** Sign-in and the dashboard: counts, open violations, the review queue, the provision ledger's state. */
@Controller
class HomePages {

    private final Apis apis;
    private final ObjectProvider<ClientRegistrationRepository> providers;
    private final SecurityProperties users;

    HomePages(Apis apis, ObjectProvider<ClientRegistrationRepository> providers, SecurityProperties users) {
        this.apis = apis;
        this.providers = providers;
        this.users = users;
    }

    /** The sign-in page: the company's provider, if configured, and the built-in users' form, if there are any. */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", providers.getIfAvailable() instanceof Iterable<?> registrations
                ? java.util.stream.StreamSupport.stream(registrations.spliterator(), false)
                        .map(r -> (ClientRegistration) r).toList()
                : java.util.List.of());
        model.addAttribute("passwords", !users.users().isEmpty());
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
