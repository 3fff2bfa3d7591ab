package org.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md: domain packages import no EJB, CDI, JAX-RS or JMS type (JPA mapping annotations are allowed); container
 * adapters live in {@code <concept>.internal}.
 */
class DomainIsPlainJavaTest {

    private final JavaClasses parley = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley");

    @Test
    void domainPackagesUseNoContainerTypes() {
        noClasses().that().resideInAPackage("org.parley..")
                .and().resideOutsideOfPackage("..internal..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ejb..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.ws.rs..", "jakarta.jms..", "jakarta.servlet..",
                        "org.eclipse.microprofile..")
                .because("the domain is plain Java; container adapters belong in <concept>.internal")
                .check(parley);
    }

    @Test
    void theRoutingEngineUsesNoPersistenceEither() {
        noClasses().that().resideInAPackage("org.parley.acd.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..")
                .because("the routing engine is a plain-Java core, tested without a container")
                .check(parley);
    }
}
