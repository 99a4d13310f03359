package jp.daicho.console.pages;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import jp.daicho.client.ApiRefused;
import jp.daicho.client.ApiUnreachable;
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

    /** Who may read the 個人情報管理台帳: DPOs, auditors and administrators, as the inventory decides. */
    static boolean mayReadInformationLedger(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_AUDITOR")
                || a.getAuthority().equals("ROLE_DPO") || a.getAuthority().equals("ROLE_ADMIN"));
    }

    @ModelAttribute
    void user(Authentication who, Model model, jakarta.servlet.http.HttpServletRequest request) {
        describe(who, model.asMap());
        model.addAttribute("languageSwitch", languageSwitch(request.getQueryString(),
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    }

    /**
     * The link to this same page in the other language: its query kept (a filter, a tab), {@code lang} replaced. The
     * query is the request's own, already encoded; the link starts with {@code ?}, so it can only lead here.
     */
    static String languageSwitch(String query, java.util.Locale current) {
        var kept = new java.util.ArrayList<String>();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty() && !parameter.equals("lang") && !parameter.startsWith("lang=")) {
                    kept.add(parameter);
                }
            }
        }
        kept.add("lang=" + ("en".equals(current.getLanguage()) ? "ja" : "en"));
        return "?" + String.join("&", kept);
    }

    /** Who is signed in and what they may do, for the page's header and its actions; nothing for no one. */
    static void describe(Authentication who, java.util.Map<String, Object> model) {
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            return;
        }
        Set<String> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toCollection(java.util.TreeSet::new));
        model.put("user", who.getName());
        model.put("roles", roles);
        model.put("dpo", roles.contains("DPO"));
        model.put("auditor", roles.contains("AUDITOR"));
        model.put("canExport", mayExport(who));
        model.put("canVerify", roles.contains("DPO") || roles.contains("AUDITOR") || roles.contains("ADMIN"));
        model.put("canReadInformationLedger", mayReadInformationLedger(who));
        model.put("canRegister", roles.contains("DPO") || roles.contains("ENGINEER"));
    }

    /** The message saying, in the reader's language, what a refusal with this status means and what to do. */
    static String explain(int status) {
        return "refused.status." + switch (status) {
            case 400, 401, 403, 404, 405, 409, 413, 422 -> status;
            default -> status >= 500 ? 500 : 400;
        };
    }

    /** A service that does not answer at all: shown as a refusal by a server (502), with where it was looked for. */
    @ExceptionHandler(ApiUnreachable.class)
    String unreachable(ApiUnreachable e, Authentication who, Model model, HttpServletResponse response) {
        return refused(Apis.refused(503, e.getMessage()), who, model, response);
    }

    @ExceptionHandler(ApiRefused.class)
    String refused(ApiRefused e, Authentication who, Model model, HttpServletResponse response) {
        // An exception handler gets no @ModelAttribute: the header needs who is signed in all the same.
        describe(who, model.asMap());
        response.setStatus(e.status() == 401 ? 401 : e.status() == 403 ? 403 : e.status() >= 500 ? 502 : 400);
        model.addAttribute("status", e.status());
        model.addAttribute("explain", explain(e.status()));
        model.addAttribute("detail", e.getMessage());
        return "refused";
    }
}
