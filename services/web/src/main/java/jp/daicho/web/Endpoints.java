package jp.daicho.web;

import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** What the service's controllers serve, asked before a request reaches them (by the security filters). */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * The HTTP methods the controllers serve on the request's path: empty when none serves it, null when that cannot be
     * told (no controllers known, or one that serves every method).
     */
    static Set<String> methodsServing(ApplicationContext context, HttpServletRequest request) {
        if (context == null) {
            return null;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            var methods = new TreeSet<String>();
            var mappings = context.getBeansOfType(RequestMappingHandlerMapping.class).values();
            if (mappings.isEmpty()) {
                return null;
            }
            for (var mapping : mappings) {
                for (var info : mapping.getHandlerMethods().keySet()) {
                    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
                    if (paths == null || paths.getMatchingCondition(request) == null) {
                        continue;
                    }
                    var served = info.getMethodsCondition().getMethods();
                    if (served.isEmpty()) {
                        return null;
                    }
                    served.forEach(m -> methods.add(m.name()));
                }
            }
            if (methods.contains("GET")) {
                methods.add("HEAD"); // served with every GET
            }
            return methods;
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
