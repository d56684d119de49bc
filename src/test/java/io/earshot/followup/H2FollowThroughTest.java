package io.earshot.followup;

import org.springframework.test.context.TestPropertySource;

/** Follow-through on the embedded default, H2. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:follow-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class H2FollowThroughTest extends FollowThroughTests {
}
