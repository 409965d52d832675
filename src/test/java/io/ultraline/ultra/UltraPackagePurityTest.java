package io.ultraline.ultra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The method package stays plain Java: it may use the JDK and itself, nothing else. */
class UltraPackagePurityTest {

    @Test
    void productionClassesDependOnlyOnTheJdkAndThisPackage() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultraline.ultra");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.ultraline.ultra..")
                .check(production);
    }
}
