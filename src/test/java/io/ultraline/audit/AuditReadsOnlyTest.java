package io.ultraline.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** An audit reads the recorded topics and never changes the cluster: no producer, no admin client. */
@AnalyzeClasses(packages = "io.ultraline.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class AuditReadsOnlyTest {

    @ArchTest
    static final ArchRule noProducerNoAdmin = noClasses()
            .that().resideInAPackage("io.ultraline.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients.producer..",
                    "org.apache.kafka.clients.admin..", "org.apache.kafka.streams..")
            .because("an audit writes no topic, creates no group and commits nothing");
}
