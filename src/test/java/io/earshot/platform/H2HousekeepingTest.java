package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real H2 file, opened as Earshot opens it (WRITE_DELAY=0), written by many small commits: without housekeeping
 * the file keeps every commit's pages; with it, the dead ones are freed and their space used again.
 */
class H2HousekeepingTest {

    @TempDir
    Path dir;

    long fileAfterManyCommits(String name, boolean housekeeping) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        // RETENTION_TIME=0: chunks may be freed as soon as they are dead (Earshot keeps H2's 45 s default)
        h2.setURL("jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0");
        H2Housekeeping keeper = new H2Housekeeping(h2, housekeeping ? Duration.ofMillis(20) : Duration.ZERO);
        try (Connection c = h2.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table t (id bigint primary key, a int, b varchar(200), c bigint)");
                s.execute("create index t_a on t (a, id)");
                s.execute("create index t_c on t (c, id)");
                s.execute("insert into t select x, x, repeat('x', 150), x from system_range(1, 20000)");
            }
            keeper.start();
            assertThat(keeper.isRunning()).isEqualTo(housekeeping);
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("update t set a = ?, c = ? where id = ?")) {
                for (int commit = 0; commit < 400; commit++) {
                    for (int i = 0; i < 400; i++) {
                        long id = 1 + (commit * 397L + i * 53L) % 20000;
                        update.setInt(1, commit * 400 + i);
                        update.setLong(2, -id - commit);
                        update.setLong(3, id);
                        update.addBatch();
                    }
                    update.executeBatch();
                    c.commit();
                    if (commit % 100 == 0) {
                        Thread.sleep(30); // time for the housekeeping thread, as a desk between bursts gives it
                    }
                }
            }
            Thread.sleep(100);
            long size;
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(20000);
            }
            size = Files.size(dir.resolve(name + ".mv.db"));
            keeper.stop();
            assertThat(keeper.isRunning()).isFalse();
            return size;
        }
    }

    @Test
    void theFileStopsGrowingWithEveryCommit() throws Exception {
        long without = fileAfterManyCommits("without", false);
        long with = fileAfterManyCommits("with", true);
        System.out.printf("H2 file after 400 commits: %,d bytes without housekeeping, %,d with%n", without, with);
        assertThat(with).as("with housekeeping %,d bytes, without %,d", with, without).isLessThan(without / 3);
    }

    @Test
    void anotherDatabaseIsLeftAlone() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping-none;DB_CLOSE_DELAY=-1");
        H2Housekeeping keeper = new H2Housekeeping(memory, Duration.ofMillis(20));
        keeper.start();
        assertThat(keeper.isRunning()).as("an in-memory database has no file to keep").isFalse();
    }
}
