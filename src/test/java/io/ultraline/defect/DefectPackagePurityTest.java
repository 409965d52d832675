package io.ultraline.defect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The defect package stays plain Java: the JDK, itself, the ULTra core and the token transform a
 * profile carries (issue 19; plain Java too), nothing else.
 */
class DefectPackagePurityTest {

    @Test
    void productionClassesDependOnlyOnTheJdkTheUltraCoreAndThisPackage() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ultraline.defect");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.ultraline.defect..", "io.ultraline.ultra",
                        "io.ultraline.ultra.transform")
                .check(production);
    }
}
