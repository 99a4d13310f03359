package jp.daicho.ledger.chain;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the chain (the auditors' proof that nothing was altered) and the ledger's status. */
@RestController
@RequestMapping("/api/records")
class ChainController {

    private final VerifyChain verify;
    private final LedgerStatus status;

    ChainController(VerifyChain verify, LedgerStatus status) {
        this.verify = verify;
        this.status = status;
    }

    @PostMapping("/verify")
    ChainVerifier.Report verify(Principal who, jakarta.servlet.http.HttpServletRequest request) {
        return verify.verify(who.getName(), jp.daicho.web.Problems.locale(request));
    }

    @GetMapping("/status")
    LedgerStatus.Overview status() {
        return status.now();
    }
}
