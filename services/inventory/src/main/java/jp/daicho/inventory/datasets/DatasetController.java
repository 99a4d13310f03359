package jp.daicho.inventory.datasets;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.datasets.DatasetViews.DatasetDetail;
import jp.daicho.inventory.datasets.DatasetViews.DatasetSummary;
import jp.daicho.inventory.datasets.DatasetViews.FieldMatch;
import jp.daicho.inventory.history.AsOf;
import jp.daicho.vocabulary.Item;
import jp.daicho.web.Codes;
import jp.daicho.web.Rejected;

/** Datasets and fields, as DPOs and engineers query them. */
@RestController
@RequestMapping("/api")
class DatasetController {

    static final int MAX_LIMIT = 10_000;

    private final DatasetRepository datasets;
    private final jp.daicho.inventory.policy.PolicyRepository policies;

    DatasetController(DatasetRepository datasets, jp.daicho.inventory.policy.PolicyRepository policies) {
        this.datasets = datasets;
        this.policies = policies;
    }

    /**
     * Every dataset; with {@code asOf=} (a date: the end of that day in Japan; or an instant with its offset), those
     * known then, counted as they stood then.
     */
    @GetMapping("/datasets")
    List<DatasetSummary> datasets(@RequestParam(required = false) String asOf) {
        var at = AsOf.parse(asOf);
        return at.now() ? datasets.findAll() : datasets.findAll(at.at());
    }

    /** Dataset ids contain dots ({@code shop.public.members}) and may be Japanese: URL-encode them. */
    @GetMapping("/datasets/{id}")
    DatasetDetail dataset(@PathVariable String id, @RequestParam(required = false) String asOf) {
        var at = AsOf.parse(asOf);
        if (!at.now()) {
            // "What did the record say on 2026-04-01": as it stood at the end of that day in Japan.
            return datasets.findById(id, at.at()).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND,
                    "データセット '" + id + "' は " + asOf + " の時点では台帳にありませんでした。",
                    "Dataset '" + id + "' was not in the inventory on " + asOf + "."));
        }
        return datasets.findById(id).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND,
                "データセット '" + id + "' はありません。一覧は GET /api/datasets です。",
                "No dataset '" + id + "'. GET /api/datasets lists the known ids."));
    }

    @GetMapping("/fields")
    List<FieldMatch> fields(@RequestParam(required = false) String item,
                            @RequestParam(required = false) String subject,
                            @RequestParam(required = false) Boolean sensitive,
                            @RequestParam(defaultValue = "1000") int limit) {
        Codes.parameter("item", Item.class, item);
        policies.subject("subject", subject);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "limit は 1 から " + MAX_LIMIT + " までです。",
                    "limit must be between 1 and " + MAX_LIMIT);
        }
        return datasets.findFields(item, subject, sensitive, limit);
    }
}
