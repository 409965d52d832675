package io.ultraline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The dependency rules of DESIGN.md 5: dependencies point inward. The pure method and defect
 * packages know nothing of Kafka, Micronaut or TensorFlow; the model package knows TensorFlow but
 * not Kafka or Micronaut; the serde package knows Kafka and Avro but not TensorFlow.
 *
 * <p>Packages that do not exist yet pass their rules ({@code allowEmptyShould}); the rules are
 * evaluated over every production class under {@code io.ultraline}, so they bite the moment such
 * a package gets its first class.
 */
@AnalyzeClasses(packages = "io.ultraline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String KAFKA = "org.apache.kafka..";
    private static final String MICRONAUT = "io.micronaut..";
    private static final String TENSORFLOW = "org.tensorflow..";

    @ArchTest
    static final ArchRule ultraIsPureJava = noClasses()
            .that().resideInAPackage("io.ultraline.ultra..")
            .should().dependOnClassesThat().resideInAnyPackage(KAFKA, MICRONAUT, TENSORFLOW)
            .because("the ULTra method is pure Java, testable without Kafka, Micronaut or an engine")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule defectIsPureJava = noClasses()
            .that().resideInAPackage("io.ultraline.defect..")
            .should().dependOnClassesThat().resideInAnyPackage(KAFKA, MICRONAUT, TENSORFLOW)
            .because("profiles, scoring and regions are pure Java; stream wires them to Kafka")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule filesIsPureJava = noClasses()
            .that().resideInAPackage("io.ultraline.files..")
            .should().dependOnClassesThat().resideInAnyPackage(KAFKA, MICRONAUT, TENSORFLOW)
            .because("the file helpers are shared by every layer, so they depend on none")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule modelKnowsNeitherKafkaNorMicronaut = noClasses()
            .that().resideInAPackage("io.ultraline.model..")
            .should().dependOnClassesThat().resideInAnyPackage(KAFKA, MICRONAUT)
            .because("the model layer leaves the tensor world at its boundary and knows no transport")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule serdeKnowsNoTensorFlow = noClasses()
            .that().resideInAPackage("io.ultraline.serde..")
            .should().dependOnClassesThat().resideInAnyPackage(TENSORFLOW)
            .because("the wire format and registry client are needed by every consumer, GPU or not")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheServiceKnowsMicronaut = noClasses()
            .that().resideOutsideOfPackages("io.ultraline.app..", "io.ultraline.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(MICRONAUT)
            .because("the topology and the algorithms receive values; config, DI and HTTP stay in the service")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingBelowTheServiceUsesIt = noClasses()
            .that().resideOutsideOfPackages("io.ultraline.app..", "io.ultraline.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.ultraline.app..")
            .because("dependencies point inward: app and cli sit on top")
            .allowEmptyShould(true);

    /**
     * The rules above would pass vacuously if the import found nothing or they matched nothing;
     * this checks that the classes are there and that a rule of the same shape does fire.
     */
    @ArchTest
    static void rulesSeeRealClasses(JavaClasses classes) {
        assertThat(classes.containPackage("io.ultraline.model")).isTrue();
        assertThat(classes.containPackage("io.ultraline.serde")).isTrue();
        EvaluationResult modelMustNotUseTensorFlow = noClasses()
                .that().resideInAPackage("io.ultraline.model..")
                .should().dependOnClassesThat().resideInAnyPackage(TENSORFLOW)
                .evaluate(classes);
        assertThat(modelMustNotUseTensorFlow.hasViolation())
                .as("model uses TensorFlow, so the inverted rule must find violations")
                .isTrue();
        EvaluationResult serdeMustNotUseKafka = noClasses()
                .that().resideInAPackage("io.ultraline.serde..")
                .should().dependOnClassesThat().resideInAnyPackage(KAFKA)
                .evaluate(classes);
        assertThat(serdeMustNotUseKafka.hasViolation()).isTrue();
    }
}
