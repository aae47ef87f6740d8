package io.rungu.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Handlers are thin adapters: no SQL, no store internals, no environment. */
class HttpArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rungu.http");

    @Test
    void the_http_module_touches_no_sql_and_no_store_internals() {
        noClasses().that().resideInAPackage("io.rungu.http..")
                .should().dependOnClassesThat(resideInAnyPackage("org.jdbi..", "java.sql..", "io.rungu.store.internal..",
                        "io.rungu.oauth.internal..", "io.rungu.mcp.internal..")
                        .and(not(resideInAPackage("io.rungu.store.internal.cache.."))))
                .because("the one bounded cache (io.rungu.store.internal.cache) is the only internal class modules share")
                .check(classes);
    }

    @Test
    void the_http_module_reads_no_environment() {
        noClasses().that().resideInAPackage("io.rungu.http..")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .check(classes);
    }
}
