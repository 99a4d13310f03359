package jp.daicho.console.pages;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import jp.daicho.console.api.Apis;

/**
 * What every page knows: who is signed in and their roles (pages show only the actions those roles may
 * take; the APIs refuse the rest anyway), and how an API's refusal is shown.
 */
@ControllerAdvice
class ConsoleModel {

    /** Provision records name data subjects: only auditors and DPOs export them (the ledger's API says the same). */
    static boolean mayExport(Authentication who) {
        return who != null && who.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_AUDITOR") || a.getAuthority().equals("ROLE_DPO"));
    }

    @ModelAttribute
    void user(Authentication who, Model model) {
        if (who == null) {
            return;
        }
        Set<String> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toCollection(java.util.TreeSet::new));
        model.addAttribute("user", who.getName());
        model.addAttribute("roles", roles);
        model.addAttribute("dpo", roles.contains("DPO"));
        model.addAttribute("auditor", roles.contains("AUDITOR"));
        model.addAttribute("canExport", mayExport(who));
        model.addAttribute("canVerify", roles.contains("DPO") || roles.contains("AUDITOR") || roles.contains("ADMIN"));
        model.addAttribute("canRegister", roles.contains("DPO") || roles.contains("ENGINEER"));
    }

    @ExceptionHandler(Apis.ApiRefused.class)
    String refused(Apis.ApiRefused e, Model model, HttpServletResponse response) {
        response.setStatus(e.status() == 401 ? 401 : e.status() == 403 ? 403 : e.status() >= 500 ? 502 : 400);
        model.addAttribute("status", e.status());
        model.addAttribute("detail", e.getMessage());
        return "refused";
    }
}
