package io.rungu.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the MCP module may touch: the Board and the model, Jackson 2 and slf4j; never stdout or the environment. */
class McpArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rungu.mcp");

    @Test
    void the_mcp_module_forces_no_web_framework_reactor_or_jackson_3_on_hosts() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "reactor..", "tools.jackson..",
                "io.modelcontextprotocol..", "jakarta.servlet..").check(MAIN);
    }

    @Test
    void tools_resources_and_prompts_reach_the_store_only_through_the_board() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rungu.store.internal..", "org.jdbi..", "java.sql..")
                .check(MAIN);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("io.rungu.store.RunguStore").check(MAIN);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("io.rungu.store.Accounts").check(MAIN);
    }

    @Test
    void nothing_writes_to_stdout_or_reads_the_environment() {
        noClasses().should().accessField(System.class, "out").check(MAIN);
        noClasses().should().accessField(System.class, "err").check(MAIN);
        noClasses().should().callMethod(System.class, "getenv").check(MAIN);
        noClasses().should().callMethod(System.class, "getenv", String.class).check(MAIN);
        noClasses().should().callMethod(System.class, "getProperty", String.class).check(MAIN);
        noClasses().should().callMethod(java.time.Instant.class, "now").check(MAIN);
    }
}
