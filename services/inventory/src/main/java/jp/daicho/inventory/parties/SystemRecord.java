package jp.daicho.inventory.parties;

/**
 * A database, service, SaaS or file store. A captured system's name is its capture source name, so its
 * datasets ({@code <name>.<schema>.<table>}) belong to it.
 */
public record SystemRecord(String name, Kind kind, String ownerDepartment, String hostingCountry, OperatedBy operatedBy,
                           String contractor) {

    public enum Kind { DATABASE, SERVICE, SAAS, FILE_STORE }

    public enum OperatedBy { US, CONTRACTOR }
}
