package io.earshot;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Test only: an application started with {@code earshot.test.database=<name>} (and no datasource of its own) gets a
 * fresh database in the shared test PostgreSQL ({@link TestPostgres}), set before anything reads the configuration.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = environment.getProperty("earshot.test.database");
        String url = environment.getProperty("spring.datasource.url");
        if (name == null || name.isBlank() || (url != null && !url.isBlank())) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("earshot-test-database", Map.of(
                "spring.datasource.url", TestPostgres.newDatabase(name),
                "spring.datasource.username", TestPostgres.username(),
                "spring.datasource.password", TestPostgres.password())));
    }
}
