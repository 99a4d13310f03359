package jp.daicho.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.console.*}.
 *
 * @param inventoryUrl the inventory's REST API
 * @param ledgerUrl    the provision ledger's REST API
 */
@ConfigurationProperties("daicho.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8080") String inventoryUrl,
                                @DefaultValue("http://localhost:8081") String ledgerUrl) {
}
