package jp.daicho.inventory.parties;

/**
 * A database, service, SaaS or file store. A captured system's name is its capture source name, so its
 * datasets ({@code <name>.<schema>.<table>}) belong to it.
 *
 * @param engineers the engineers who answer for it, by the name they sign in with (a built-in user's name, or a token's
 *                  subject): they see the data subjects' request tasks of this system and record them done
 */
public record SystemRecord(String name, Kind kind, String ownerDepartment, String hostingCountry, OperatedBy operatedBy,
                           String contractor, java.util.List<String> engineers) {

    public SystemRecord {
        engineers = engineers == null ? java.util.List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(engineers));
    }

    public enum Kind { DATABASE, SERVICE, SAAS, FILE_STORE }

    public enum OperatedBy { US, CONTRACTOR }
}
