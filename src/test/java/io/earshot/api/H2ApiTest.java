package io.earshot.api;

import org.springframework.test.context.TestPropertySource;

/** The API on the embedded default, H2. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class H2ApiTest extends ApiContractTests {
}
