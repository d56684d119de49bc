package io.earshot;

import io.earshot.platform.internal.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL for the whole test run, started on first use by Earshot's own {@link EmbeddedPostgres} (the same
 * binaries and code as the product's default, with durability off for speed) under {@code target/}. Each application
 * context gets a fresh database of its own: {@code @SpringBootTest(properties = "earshot.test.database=name")}
 * (see {@link TestDatabaseEnvironment}), or {@link #args} for contexts started by hand.
 */
public final class TestPostgres {

    /** Where every test's PostgreSQL binaries are unpacked, once. */
    public static final Path BINARIES = Path.of("target", "pg-binaries").toAbsolutePath();

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres instance;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            Path dir = Path.of("target", "test-postgres", UUID.randomUUID().toString()).toAbsolutePath();
            instance = EmbeddedPostgres.start(new EmbeddedPostgres.Options(dir, BINARIES,
                    Map.of("max_connections", "400", "shared_buffers", "64MB"), Duration.ofSeconds(120), false));
            EmbeddedPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                io.earshot.TestFiles.deleteTree(dir);
            }));
        }
        return instance;
    }

    /** A fresh, empty database in the shared server; its JDBC URL. */
    public static String newDatabase(String name) {
        String db = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        get().createDatabase(db);
        return get().jdbcUrl(db);
    }

    public static String username() {
        return get().username();
    }

    public static String password() {
        return get().password();
    }

    /** Command-line arguments that point an application at a fresh database. */
    public static List<String> args(String name) {
        return List.of("--spring.datasource.url=" + newDatabase(name), "--spring.datasource.username=" + username(),
                "--spring.datasource.password=" + password());
    }

    /** Command-line arguments that point an application at an existing database. */
    public static List<String> argsFor(String url) {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + username(),
                "--spring.datasource.password=" + password());
    }
}
