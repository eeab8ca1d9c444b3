package io.mooring.state.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every change set of the shipped changelog is found by its id, so that a database holding them all skips Liquibase. */
class SchemaMigratorTest {
    @Test
    void everyChangeSetOfTheChangelogIsFoundByItsId() {
        assertThat(SchemaMigrator.changeSets()).isNotEmpty().noneMatch(id -> id.startsWith("("))
                .contains("7-certificates", "8-pass-outbox");
    }
}
