package jp.daicho.inventory.parties;

import java.time.LocalDate;

/**
 * Who data goes to: an internal department, a contractor (委託先), a joint user (共同利用者), a third party
 * (第三者) or a public body. Country is ISO 3166-1 alpha-2.
 */
public record Party(String id, Kind kind, String name, String address, String representative, String country,
                    String contractReference, LocalDate lastSupervisedOn) {

    public enum Kind { INTERNAL, CONTRACTOR, JOINT_USER, THIRD_PARTY, PUBLIC_BODY }
}
