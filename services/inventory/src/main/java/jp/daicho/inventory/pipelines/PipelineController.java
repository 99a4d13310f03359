package jp.daicho.inventory.pipelines;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.pipelines.PipelineViews.PipelineDetail;
import jp.daicho.inventory.pipelines.PipelineViews.PipelineSummary;
import jp.daicho.inventory.pipelines.PipelineViews.Resolution;
import jp.daicho.inventory.pipelines.PipelineViews.StoredViolation;
import jp.daicho.web.Rejected;

/** Pipelines: validate a manifest, register it, list them; and the violations the DPO follows up. */
@RestController
@RequestMapping("/api")
class PipelineController {


    private final RegisterPipeline register;
    private final PipelineRepository pipelines;

    PipelineController(RegisterPipeline register, PipelineRepository pipelines) {
        this.register = register;
        this.pipelines = pipelines;
    }

    /** Checks a manifest (YAML body) without registering it: 200 with {valid, violations}. */
    @PostMapping(path = "/pipelines/validate", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    RegisterPipeline.Validation validate(@RequestBody String yaml) {
        return register.validate(yaml, "manifest");
    }

    /** Registers a manifest: 201, or 422 with the violations, 409 if the id is taken; nothing stored on error. */
    @PostMapping(path = "/pipelines", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    RegisterPipeline.Validation registerPipeline(@RequestBody String yaml, Principal who) {
        return register.register(yaml, "manifest", who.getName());
    }

    /** Changes a registered pipeline to the manifest (same id): 200, or 422 with the violations; 409 if it is retired. */
    @PutMapping(path = "/pipelines/{id}", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    RegisterPipeline.Validation change(@PathVariable String id, @RequestBody String yaml, Principal who) {
        return register.change(id, yaml, "manifest", who.getName());
    }

    @GetMapping("/pipelines")
    List<PipelineSummary> list() {
        return pipelines.list();
    }

    @GetMapping("/pipelines/{id}")
    PipelineDetail pipeline(@PathVariable String id) {
        return pipelines.find(id).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND,
                "パイプライン '" + id + "' はありません。一覧は GET /api/pipelines です。", "No pipeline '" + id + "'. GET /api/pipelines lists them."));
    }

    /**
     * Every version of a pipeline's terms, oldest first: each registration and change, the period it stood (the last one
     * ends when the pipeline was retired), its destination, basis, fields and purposes — what {@code asOf=} reads.
     */
    @GetMapping("/pipelines/{id}/versions")
    List<PipelineViews.Version> versions(@PathVariable String id) {
        pipeline(id);
        return pipelines.versions(id);
    }

    /**
     * Retires a pipeline (the DPO): it stays on record but flows, is checked and counted no more, and the ledger refuses
     * its occurrences from now on. 409 if it is retired already.
     */
    @PostMapping("/pipelines/{id}/retire")
    PipelineDetail retire(@PathVariable String id, @RequestBody PipelineViews.Retire retire, Principal who) {
        register.retire(id, retire, who.getName());
        return pipeline(id);
    }

    @GetMapping("/violations")
    List<StoredViolation> violations(@RequestParam(defaultValue = "true") boolean open,
                                     @RequestParam(required = false) String pipeline,
                                     @RequestParam(required = false) String asOf) {
        return pipelines.violations(pipeline, open, jp.daicho.inventory.history.AsOf.parse(asOf).at());
    }

    @PostMapping("/violations/{id}/resolve")
    Resolution resolve(@PathVariable long id, Principal who) {
        if (!pipelines.resolve(id, who.getName())) {
            throw new Rejected(HttpStatus.NOT_FOUND, "未解決の違反 " + id + " はありません。一覧は GET /api/violations です。",
                    "No open violation " + id + ". GET /api/violations lists them.");
        }
        return new Resolution(id, who.getName());
    }
}
