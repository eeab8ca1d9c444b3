package io.mooring.testing;

import io.mooring.wiring.Wiring;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh state database on the machine's PostgreSQL, its schema migrated, dropped (with its sessions) at close. */
public final class TestStateDb implements AutoCloseable {
    private final String name;

    private TestStateDb(String name) {
        this.name = name;
    }

    public static TestStateDb create(String prefix) throws Exception {
        TestStateDb db = new TestStateDb(TestPostgres.newDatabaseName(prefix));
        TestPostgres.execute("postgres", "CREATE DATABASE " + db.name);
        Wiring.store(db.dataSource());
        return db;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + TestPostgres.HOST + ":" + TestPostgres.PORT + "/" + name;
    }

    public DataSource dataSource() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url());
        pg.setUser(TestPostgres.USER);
        return pg;
    }

    @Override
    public void close() throws Exception {
        TestPostgres.drop(name);
    }
}
