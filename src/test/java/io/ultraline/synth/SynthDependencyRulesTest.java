package io.ultraline.synth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The generator is pure Java: it must run in the simulator, the demo and tests without any engine. */
class SynthDependencyRulesTest {

    @Test
    void synthDependsOnTheJdkOnly() {
        JavaClasses synth = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultraline.synth");
        classes().that().resideInAPackage("io.ultraline.synth..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.imageio..", "io.ultraline.synth..")
                .check(synth);
    }
}
