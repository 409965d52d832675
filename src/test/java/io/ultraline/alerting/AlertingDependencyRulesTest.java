package io.ultraline.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The alert consumers are plain Kafka clients: they must run next to the service or alone, so they
 * know nothing of Micronaut, TensorFlow, the topology or the command line.
 */
class AlertingDependencyRulesTest {

    @Test
    void alertingUsesKafkaClientsTheSerdeAndTheContractsOnly() {
        JavaClasses alerting = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultraline.alerting");
        classes().that().resideInAPackage("io.ultraline.alerting..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.apache.kafka.clients..",
                        "org.apache.kafka.common..", "com.fasterxml.jackson..", "org.slf4j..", "io.ultraline.avro..",
                        "io.ultraline.serde..", "io.ultraline.alerting..")
                .check(alerting);
    }
}
