package jp.daicho.console.pages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A file a service streams, passed through to the browser as it comes. The body is written on another thread: it signs
 * the API call as the same user, in the same language.
 */
final class Download {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");

    /** What writes the file. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private Download() {
    }

    static ResponseEntity<StreamingResponseBody> of(String file, MediaType type, Writer writer) {
        var who = SecurityContextHolder.getContext();
        var locale = LocaleContextHolder.getLocale();
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out -> {
                    SecurityContextHolder.setContext(who);
                    LocaleContextHolder.setLocale(locale);
                    try {
                        writer.write(out);
                    } finally {
                        SecurityContextHolder.clearContext();
                        LocaleContextHolder.resetLocaleContext();
                    }
                });
    }
}
