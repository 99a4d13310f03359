package jp.daicho.console.pages;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The console's own error page for what no page handles (an unknown address, a malformed parameter): the console's
 * header and styles, and what the status means in the reader's language, never Spring's Whitelabel page or a trace.
 */
@Component
class ConsoleErrors implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        var page = new HashMap<String, Object>(model);
        page.put("explain", ConsoleModel.explain(status.value()));
        ConsoleModel.describe(SecurityContextHolder.getContext().getAuthentication(), page);
        return new ModelAndView("error", page, status);
    }
}
