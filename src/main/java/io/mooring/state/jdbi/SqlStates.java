package io.mooring.state.jdbi;

import java.sql.SQLException;

/** What a failed statement's SQLSTATE says, the same on PostgreSQL and H2. */
final class SqlStates {
    private SqlStates() {
    }

    /** A unique or primary key was already taken (23505): another node got there first. */
    static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A table the statement names does not exist (PostgreSQL 42P01, H2 42S02): the schema was never made. */
    static boolean missingTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42P01".equals(sql.getSQLState()) || "42S02".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
