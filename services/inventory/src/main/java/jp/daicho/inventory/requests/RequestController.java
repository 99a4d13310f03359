package jp.daicho.inventory.requests;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.subjects.KeysProperties;
import jp.daicho.web.Downloads;
import jp.daicho.web.Rejected;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register of data subjects' requests (docs/requests.md): the DPO records and answers them; auditors read the
 * register, its exports and who viewed what; engineers do not see it.
 */
@RestController
@RequestMapping("/api/requests")
@EnableConfigurationProperties(KeysProperties.class)
class RequestController {

    static final List<String> HEADERS_JA = List.of("請求番号", "種類", "条項", "本人の区分", "受付日", "受付方法", "回答期限",
            "期限超過", "手数料（円）", "状態", "本人確認の方法", "本人確認者", "本人確認日時", "理由", "回答日", "通知日",
            "方針の版");
    private static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private final RequestRegister register;
    private final RequestPlan plans;
    private final JsonMapper json = JsonMapper.builder().build();

    RequestController(RequestRegister register, RequestPlan plans) {
        this.register = register;
        this.plans = plans;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubjectRequest receive(@RequestBody SubjectRequest.Received request, Principal who) {
        return register.receive(request, who.getName());
    }

    @GetMapping
    List<SubjectRequest> list(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                              @RequestParam(required = false) String kind,
                              @RequestParam(defaultValue = "all") String state, Principal who) {
        return register.list(filter(from, to, kind, state), who.getName());
    }

    @GetMapping("/{id}")
    RequestRegister.Detail one(@PathVariable String id, Principal who) {
        return register.detail(id, who.getName());
    }

    @PostMapping("/{id}/identity-check")
    SubjectRequest identityChecked(@PathVariable String id, @RequestBody SubjectRequest.IdentityCheck check, Principal who) {
        return register.identityChecked(id, check, who.getName());
    }

    @PostMapping("/{id}/answer")
    SubjectRequest answer(@PathVariable String id, @RequestBody SubjectRequest.Answer answer, Principal who) {
        return register.answer(id, answer, who.getName());
    }

    /** The person's key and items, unsealed to answer them; the DPO only, and logged. */
    @GetMapping("/{id}/subject")
    SubjectRequest.Unsealed subject(@PathVariable String id, Principal who) {
        return register.subject(id, who.getName());
    }

    @GetMapping("/{id}/plan")
    RequestPlan.Plan plan(@PathVariable String id, Principal who) {
        return plans.of(id, who.getName());
    }

    @GetMapping("/{id}/views")
    List<SubjectRequest.View> views(@PathVariable String id) {
        return register.views(id);
    }

    @GetMapping("/counts")
    List<RequestRegister.Count> counts(@RequestParam int year) {
        if (year < 2000 || year > 2100) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "year は西暦の年です（例: 2026）。", "year is a calendar year such as 2026");
        }
        return register.counts(year);
    }

    /** The register as CSV (UTF-8 with BOM, Japanese headers, times in Asia/Tokyo) or JSON; each request logged. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) LocalDate from,
                                                 @RequestParam(required = false) LocalDate to,
                                                 @RequestParam(required = false) String kind,
                                                 @RequestParam(defaultValue = "csv") String format, Principal who) {
        var filter = filter(from, to, kind, "all");
        String name = "subject-requests-" + register.today();
        String by = who.getName();
        return switch (format) {
            case "csv" -> Downloads.attachment(name + ".csv", Downloads.CSV, out -> csv(filter, by, out));
            case "json" -> Downloads.attachment(name + ".json", MediaType.APPLICATION_JSON, out -> json(filter, by, out));
            default -> throw new Rejected(HttpStatus.BAD_REQUEST, "format は csv 又は json です（'" + format + "' ではなく）。",
                    "format must be csv or json, not '" + format + "'");
        };
    }

    private void csv(RequestRegister.Filter filter, String by, OutputStream stream) throws IOException {
        Downloads.csv(stream, HEADERS_JA, out -> register.export(filter, by, r -> out.accept(cells(r))));
    }

    private void json(RequestRegister.Filter filter, String by, OutputStream stream) throws IOException {
        Downloads.<SubjectRequest>jsonArray(stream, json::writeValueAsString, out -> register.export(filter, by, out));
    }

    static List<String> cells(SubjectRequest r) {
        var identity = r.identity();
        return List.of(r.id(), r.kind().japanese(), r.kind().article(), r.categoryLabel(), r.receivedOn().toString(),
                r.channel(), r.dueOn().toString(), r.overdue() ? "超過" : "", r.feeYen() == null ? "" : r.feeYen().toString(),
                r.status().japanese(), identity == null ? "" : identity.method(), identity == null ? "" : identity.checkedBy(),
                identity == null ? "" : TOKYO.format(identity.checkedAt()),
                r.grounds().stream().map(g -> g.japanese() + "（" + g.article() + "）").collect(Collectors.joining("、")),
                r.answeredOn() == null ? "" : r.answeredOn().toString(), r.notifiedOn() == null ? "" : r.notifiedOn().toString(),
                r.policyVersion());
    }

    private static RequestRegister.Filter filter(LocalDate from, LocalDate to, String kind, String state) {
        RequestKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = RequestKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "kind '" + kind + "' は " + Article.names(RequestKind.class) + " のいずれでもありません。",
                        "kind '" + kind + "' is not one of " + Article.names(RequestKind.class));
            }
        }
        Boolean open = switch (state) {
            case "open" -> Boolean.TRUE;
            case "closed" -> Boolean.FALSE;
            case "all" -> null;
            default -> throw new Rejected(HttpStatus.BAD_REQUEST, "state は open、closed 又は all です。",
                    "state must be open, closed or all");
        };
        if (from != null && to != null && from.isAfter(to)) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "from " + from + " が to " + to + " より後です。",
                    "from " + from + " is after to " + to);
        }
        return new RequestRegister.Filter(from, to, k, open);
    }
}
