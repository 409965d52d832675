package io.ultraline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The project's dependency rules (docs/design.md, "Modules and packages"), all in one place and one
 * style: each rule is a field over every production class under {@code io.ultraline}, from all
 * modules. No rule allows an empty match, so a rule whose package is renamed away fails instead of
 * passing vacuously.
 */
@AnalyzeClasses(
        packages = "io.ultraline",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /**
     * Test classes of the modules below, which reach this class path as test-jars once those modules
     * are packaged (in {@code verify}); the built-in option only knows {@code test-classes} folders.
     */
    public static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String KAFKA = "org.apache.kafka..";
    private static final String MICRONAUT = "io.micronaut..";
    private static final String TENSORFLOW = "org.tensorflow..";

    @ArchTest
    static final ArchRule tensorFlowOnlyInModel = noClasses()
            .that()
            .resideOutsideOfPackage("io.ultraline.model..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(TENSORFLOW)
            .because("the model layer leaves the tensor world at its boundary: everything after it works on "
                    + "arrays and records and is testable without an engine");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.ultraline.(*)..")
            .should()
            .beFreeOfCycles()
            .because("dependencies point one way, so each package can be read and tested below the ones that use it");

    @ArchTest
    static final ArchRule pipelineNeverUsesTools = noClasses()
            .that()
            .resideInAnyPackage("io.ultraline.stream..", "io.ultraline.inspect..", "io.ultraline.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.ultraline.dev..",
                    "io.ultraline.bench..",
                    "io.ultraline.loadtest..",
                    "io.ultraline.cli..",
                    "io.ultraline.evaluation..")
            .because("the service ships without the embedded broker, benchmarks, load test, dataset evaluation"
                    + " and command line");

    @ArchTest
    static final ArchRule ultraIsPureJava = classes()
            .that()
            .resideInAPackage("io.ultraline.ultra..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.ultraline.ultra..")
            .because("the ULTra method is plain Java: the JDK and itself");

    @ArchTest
    static final ArchRule defectIsPureJava = classes()
            .that()
            .resideInAPackage("io.ultraline.defect..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "io.ultraline.defect..",
                    "io.ultraline.ultra",
                    "io.ultraline.ultra.transform",
                    "io.ultraline.ultra.align")
            .because("profiles, scoring and regions are plain Java on top of the ULTra core, its token "
                    + "transform and the camera's concept prototypes; stream wires them to Kafka");

    @ArchTest
    static final ArchRule synthIsPureJava = classes()
            .that()
            .resideInAPackage("io.ultraline.synth..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.imageio..", "io.ultraline.synth..")
            .because("the generator runs in the simulator, the demo and tests without any engine");

    @ArchTest
    static final ArchRule frameKnowsNoTransportOrEngine = noClasses()
            .that()
            .resideInAPackage("io.ultraline.frame..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(KAFKA, "org.apache.avro..", "io.ultraline.avro..", MICRONAUT, TENSORFLOW)
            .because("decoding works on bytes and declared sizes; the stream maps records onto it");

    @ArchTest
    static final ArchRule filesIsPureJava = noClasses()
            .that()
            .resideInAPackage("io.ultraline.files..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(KAFKA, MICRONAUT, TENSORFLOW)
            .because("the file helpers are shared by every layer, so they depend on none");

    @ArchTest
    static final ArchRule modelKnowsNeitherKafkaNorMicronaut = noClasses()
            .that()
            .resideInAPackage("io.ultraline.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(KAFKA, MICRONAUT)
            .because("the model layer knows TensorFlow and no transport");

    @ArchTest
    static final ArchRule alertingUsesKafkaClientsAndContractsOnly = classes()
            .that()
            .resideInAPackage("io.ultraline.alerting..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax.crypto..",
                    "org.apache.kafka.clients..",
                    "org.apache.kafka.common..",
                    "com.fasterxml.jackson..",
                    "org.slf4j..",
                    "io.ultraline.avro..",
                    "io.ultraline.serde..",
                    "io.ultraline.retry..",
                    "io.ultraline.alerting..")
            .because("the alert consumers run next to the service or alone, without Micronaut, TensorFlow, "
                    + "the topology or the command line");

    @ArchTest
    static final ArchRule auditReadsOnly = noClasses()
            .that()
            .resideInAPackage("io.ultraline.audit..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka.clients.producer..",
                    "org.apache.kafka.clients.admin..",
                    "org.apache.kafka.streams..")
            .because("an audit writes no topic, creates no group and commits nothing");

    @ArchTest
    static final ArchRule serdeKnowsNoTensorFlow = noClasses()
            .that()
            .resideInAPackage("io.ultraline.serde..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TENSORFLOW)
            .because("the wire format and registry client are needed by every consumer, GPU or not");

    @ArchTest
    static final ArchRule onlyTheServiceKnowsMicronaut = noClasses()
            .that()
            .resideOutsideOfPackages("io.ultraline.app..", "io.ultraline.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(MICRONAUT)
            .because("the topology and the algorithms receive values; config, DI and HTTP stay in the service");

    @ArchTest
    static final ArchRule nothingBelowTheServiceUsesIt = noClasses()
            .that()
            .resideOutsideOfPackages("io.ultraline.app..", "io.ultraline.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.ultraline.app..")
            .because("dependencies point inward: app and cli sit on top");

    @ArchTest
    static final ArchRule onlyTheDevStackStartsABroker = noClasses()
            .that()
            .resideOutsideOfPackage("io.ultraline.dev..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "kafka..", "org.apache.kafka.server..", "org.apache.kafka.metadata..", "org.apache.kafka.raft..")
            .because("the broker jars belong to ultraline-tools; the service and its image must run without them");
}
