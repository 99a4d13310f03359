package jp.daicho.inventory.readers;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.readers.ReaderRegister.ReaderAcceptance;
import jp.daicho.inventory.readers.ReaderRegister.ReaderView;

/** Who reads personal data, and the DPO's acceptance of a reader as internal use (or its withdrawal). */
@RestController
@RequestMapping("/api/readers")
class ReaderController {

    private final ReaderRegister register;

    ReaderController(ReaderRegister register) {
        this.register = register;
    }

    @GetMapping
    List<ReaderView> readers() {
        return register.all();
    }

    /** Accepts a reader as the company's internal use: {@code {"kind", "name", "reason"}}; its violations resolve. */
    @PostMapping("/accept")
    ReaderView accept(@RequestBody(required = false) ReaderAcceptance acceptance, Principal who) {
        return register.accept(acceptance, who.getName());
    }

    /** Withdraws an acceptance: {@code {"kind", "name"}}; the reader is judged again. */
    @PostMapping("/withdraw")
    List<ReaderView> withdraw(@RequestBody(required = false) ReaderAcceptance acceptance) {
        if (acceptance == null || acceptance.kind() == null || acceptance.name() == null) {
            throw new jp.daicho.web.Rejected(org.springframework.http.HttpStatus.BAD_REQUEST, "kind と name を書いてください",
                    "give the reader's kind and name");
        }
        register.withdraw(acceptance.kind(), acceptance.name());
        return register.all();
    }
}
