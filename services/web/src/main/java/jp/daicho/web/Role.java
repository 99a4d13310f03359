package jp.daicho.web;

/**
 * The roles of Daichō's users. DPOs review the inventory and own the policy; engineers register
 * pipelines; auditors read and export records; administrators keep the reference data (systems,
 * parties, policy versions).
 */
public enum Role {
    DPO, ENGINEER, AUDITOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
