package jp.daicho.inventory.declared;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.datasets.DatasetRepository;
import jp.daicho.inventory.datasets.DatasetViews.DatasetDetail;
import jp.daicho.inventory.declared.DeclaredDatasets.Declared;

/** Declared datasets: their manifests (YAML) declared and changed by engineers and DPOs, listed for everyone. */
@RestController
@RequestMapping("/api/declared-datasets")
class DeclaredDatasetController {

    private final DeclaredDatasets declared;
    private final DatasetRepository datasets;

    DeclaredDatasetController(DeclaredDatasets declared, DatasetRepository datasets) {
        this.declared = declared;
        this.datasets = datasets;
    }

    @GetMapping
    List<Declared> declared() {
        return declared.all();
    }

    /** 201 with the dataset as recorded (its fields classified as declared, and whether it is personal information). */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    ResponseEntity<DatasetDetail> declare(@RequestBody String manifest, Principal who) {
        String id = declared.declare(manifest, who.getName(), null);
        return ResponseEntity.created(URI.create("/api/datasets/" + id)).body(datasets.findById(id).orElseThrow());
    }

    @PutMapping(path = "/{id}", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    DatasetDetail change(@PathVariable String id, @RequestBody String manifest, Principal who) {
        declared.declare(manifest, who.getName(), id);
        return datasets.findById(id).orElseThrow();
    }
}
