package jp.daicho.ledger.subjects;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.daicho.subjects.KeysProperties;
import jp.daicho.subjects.SubjectVault;

/** The ledger cannot record without its keys: a missing or malformed one stops the start with what to set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysProperties.class)
class Vault {

    @Bean
    SubjectVault subjectVault(KeysProperties keys) {
        return new SubjectVault(keys);
    }
}
