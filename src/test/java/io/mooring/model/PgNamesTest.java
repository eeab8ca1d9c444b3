package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PgNamesTest {
    @Test
    void acceptsPlainDatabaseAndUserNames() {
        assertThat(List.of("omnileads", "acme_prod", "db-1", "a.b", "_x", "x".repeat(63))).allMatch(PgNames::isPlainName);
    }

    @Test
    void refusesConnectionStringsUrisOptionsAndLongNamesAsDatabaseNames() {
        assertThat(List.of("host=evil.example dbname=x", "postgresql://evil/x", "x sslmode=disable", "-h", "--dbname=x", "",
                "service=evil", "a'b", "x".repeat(64), "db\nname")).noneMatch(PgNames::isPlainName);
    }

    @Test
    void acceptsHostNamesAndAddresses() {
        assertThat(List.of("db.internal", "localhost", "10.0.0.5", "::1", "fd00::5", "pg-1.acme.example.com", "db.example.")).allMatch(PgNames::isHost);
    }

    @Test
    void refusesSocketPathsListsAndConnectionStringsAsHosts() {
        assertThat(List.of("/var/run/postgresql", "a,b", "evil dbname=x", "host=evil", "-h", "", "a..b", "10.0.0.1 x",
                "@evil")).noneMatch(PgNames::isHost);
    }
}
