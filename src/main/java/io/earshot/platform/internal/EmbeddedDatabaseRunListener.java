package io.earshot.platform.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no {@code spring.datasource.url}, starts Earshot's own PostgreSQL under {@code earshot.data-dir} as soon as
 * the configuration is read, before anything else is built, and points {@code spring.datasource.*} at it (ADR 0011).
 * A server that cannot start stops the application with a plain explanation and nothing else. The server is
 * registered as the context's first disposable bean, so it stops last, after the connection pool has closed; if the
 * application fails to start, it is stopped too. With no {@code earshot.secret-key} either, the key that seals channel
 * accounts' secrets is Earshot's own ({@link OwnSecretKey}).
 */
public class EmbeddedDatabaseRunListener implements SpringApplicationRunListener, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRunListener.class);

    private EmbeddedPostgres postgres;
    private boolean handedOver;

    EmbeddedDatabaseRunListener(SpringApplication application, String[] args) {
        // one per run of the application; nothing to keep from either
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrap, ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return;
        }
        Binder binder = Binder.get(environment);
        Path dataDir = Path.of(environment.getProperty("earshot.data-dir", "./data"));
        DatabaseSettings settings = binder.bind("earshot.database", DatabaseSettings.class)
                .orElseGet(() -> new DatabaseSettings(Map.of(), null, java.time.Duration.ofSeconds(120), true));
        Path binaries = settings.binariesDir() == null || settings.binariesDir().isBlank()
                ? dataDir.resolve("pg-binaries") : Path.of(settings.binariesDir());
        postgres = EmbeddedPostgres.start(new EmbeddedPostgres.Options(dataDir, binaries, settings.serverSettings(),
                settings.startTimeout(), settings.durable()));
        Path h2 = dataDir.resolve("earshot.mv.db");
        if (Files.exists(h2)) {
            log.warn("{} is an H2 database from an earlier Earshot. This Earshot runs on PostgreSQL and does not read it "
                    + "(ADR 0012); the file is left as it is and can be deleted.", h2.toAbsolutePath());
        }
        Map<String, Object> own = new java.util.HashMap<>(Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password()));
        String key = environment.getProperty("earshot.secret-key");
        if (key == null || key.isBlank()) {
            own.put("earshot.secret-key", OwnSecretKey.readOrCreate(dataDir));
            log.info("Channel accounts' secrets are sealed with the key in {} (set EARSHOT_SECRET_KEY to use your own)",
                    dataDir.resolve(OwnSecretKey.FILE).toAbsolutePath());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("earshot-embedded-postgres", own));
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        if (postgres == null) {
            return;
        }
        context.getBeanFactory().registerSingleton("embeddedPostgres", postgres);
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("embeddedPostgres", postgres::close);
            handedOver = true;
        }
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (postgres != null && !handedOver) {
            postgres.close();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's own listener, so logging is set up
    }
}
