package io.rungu.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of design.md §1, checked on the compiled main classes of every module (rungu-cli sees them
 * all). A failure names the offending class and dependency. Rules about a module that has no classes yet pass
 * empty; the model, store and cli rules must find classes.
 */
class ModuleArrowsTest {
    private static JavaClasses rungu;

    @BeforeAll
    static void importRungu() {
        rungu = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.rungu");
    }

    @Test
    void every_module_is_imported() {
        for (String module : new String[] {"model", "store", "oauth", "mcp", "notify", "http", "cli"}) {
            assertThat(rungu.stream().map(JavaClass::getPackageName))
                    .as("the rules below only mean something if io.rungu.%s is imported", module)
                    .anyMatch(p -> p.equals("io.rungu." + module) || p.startsWith("io.rungu." + module + "."));
        }
    }

    @Test
    void a_modules_internal_packages_are_used_by_that_module_alone() {
        for (String module : new String[] {"oauth", "mcp", "notify", "http", "cli"}) {
            noClasses().that().resideOutsideOfPackage("io.rungu." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.rungu." + module + ".internal..")
                    .because("other modules use io.rungu." + module + " through its public API only")
                    .allowEmptyShould(true)
                    .check(rungu);
        }
    }

    @Test
    void the_model_depends_only_on_the_jdk() {
        classes().that().resideInAPackage("io.rungu.model..")
                // javax.net.ssl is the JDK's too (java.base): TLS for OutboundHttp
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.net.ssl..", "io.rungu.model..")
                .check(rungu);
    }

    @Test
    void the_store_knows_no_adapter_no_web_framework_and_no_json_mapper() {
        noClasses().that().resideInAPackage("io.rungu.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.rungu.oauth..", "io.rungu.http..", "io.rungu.mcp..", "io.rungu.cli..", "io.rungu.notify..",
                        "io.javalin..", "com.fasterxml.jackson.databind..", "tools.jackson..", "jakarta.mail..")
                .check(rungu);
        // The archive streams tokens with jackson-core; nothing else of the store touches JSON.
        noClasses().that().resideInAPackage("io.rungu.store..")
                .and().resideOutsideOfPackage("io.rungu.store.internal.archive..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
                .check(rungu);
    }

    @Test
    void notify_knows_only_the_model_the_store_the_wire_model_and_its_mail_library() {
        noClasses().that().resideInAPackage("io.rungu.notify..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.rungu.oauth..", "io.rungu.http..", "io.rungu.mcp..", "io.rungu.cli..",
                        "io.javalin..", "tools.jackson..")
                .check(rungu);
        // Webhook bodies are the wire records written by the wire model's mapper; mail never touches JSON.
        noClasses().that().resideInAPackage("io.rungu.notify..")
                .and().doNotHaveSimpleName("WebhookPayloads")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
                .check(rungu);
    }

    @Test
    void only_the_cli_composes_notify() {
        noClasses().that().resideOutsideOfPackages("io.rungu.notify..", "io.rungu.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.rungu.notify..")
                .because("the store, auth and adapters never need mail; the packaged server adds it")
                .check(rungu);
    }

    @Test
    void the_wire_model_knows_only_the_model_and_jackson() {
        classes().that().resideInAPackage("io.rungu.wire..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "io.rungu.model..", "io.rungu.wire..", "com.fasterxml.jackson..")
                .because("rungu-wire is shared by every adapter (docs/architecture.md)")
                .check(rungu);
    }

    @Test
    void the_store_does_not_know_the_wire_model() {
        noClasses().that().resideInAPackage("io.rungu.store..")
                .should().dependOnClassesThat().resideInAPackage("io.rungu.wire..")
                .check(rungu);
    }

    @Test
    void auth_knows_no_adapter() {
        noClasses().that().resideInAPackage("io.rungu.oauth..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rungu.http..", "io.rungu.mcp..", "io.rungu.cli..")
                .allowEmptyShould(true)
                .check(rungu);
    }

    @Test
    void mcp_has_no_web_framework_no_auth_and_no_other_adapter() {
        noClasses().that().resideInAPackage("io.rungu.mcp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..", "io.rungu.oauth..", "io.rungu.http..", "io.rungu.cli..")
                .allowEmptyShould(true)
                .check(rungu);
    }

    @Test
    void http_does_not_reach_the_cli_or_the_database() {
        noClasses().that().resideInAPackage("io.rungu.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rungu.cli..", "java.sql..", "org.jdbi..")
                .allowEmptyShould(true)
                .check(rungu);
    }

    @Test
    void only_the_store_touches_sql() {
        noClasses().that().resideOutsideOfPackage("io.rungu.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..")
                .check(rungu);
    }

    @Test
    void only_the_store_reaches_its_internals() {
        noClasses().that().resideOutsideOfPackage("io.rungu.store..")
                .should().dependOnClassesThat(resideInAPackage("io.rungu.store.internal..")
                        .and(not(resideInAPackage("io.rungu.store.internal.cache.."))))
                .because("adapters call the Board and Accounts interfaces, never the store's implementation "
                        + "(the one bounded cache, io.rungu.store.internal.cache, is shared on purpose)")
                .check(rungu);
    }

    @Test
    void only_the_cli_reads_environment_variables_and_system_properties() {
        noClasses().that().resideOutsideOfPackage("io.rungu.cli..")
                .should().callMethodWhere(readsTheEnvironment())
                .because("libraries take configuration objects (design.md §1)")
                .check(rungu);
    }

    @Test
    void within_the_cli_only_environment_reads_them() {
        noClasses().that().resideInAPackage("io.rungu.cli..").and().doNotBelongToAnyOf(Environment.class)
                .should().callMethodWhere(readsTheEnvironment())
                .because("commands get settings from Environment, so tests can inject them")
                .check(rungu);
    }

    private static DescribedPredicate<JavaAccess<?>> readsTheEnvironment() {
        Set<String> readers = Set.of("getenv", "getProperty", "getProperties");
        return DescribedPredicate.describe("System.getenv/getProperty/getProperties",
                access -> access.getTargetOwner().isEquivalentTo(System.class) && readers.contains(access.getName()));
    }
}
