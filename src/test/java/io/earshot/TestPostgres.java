package io.earshot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL (embedded binaries from Maven Central) for the whole test run, started on first use. */
public final class TestPostgres {

    private static EmbeddedPostgres instance;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            try {
                instance = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return instance;
    }

    /** A fresh database in the shared server, so every Spring context starts from an empty schema. */
    public static synchronized String newDatabase(String name) {
        try (var c = get().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return get().getJdbcUrl("postgres", name);
    }
}
