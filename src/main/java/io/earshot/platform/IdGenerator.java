package io.earshot.platform;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out unique ids. Each call to the database sequence reserves a block of {@value #BLOCK} ids
 * (the sequence increments by that much), so ids are unique across instances sharing a database
 * and the hot path rarely touches the sequence.
 */
@Component
public class IdGenerator {

    static final int BLOCK = 1000;

    private final JdbcClient jdbc;
    private final ReentrantLock lock = new ReentrantLock();
    private long next;
    private long limit;

    IdGenerator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long nextId() {
        lock.lock();
        try {
            if (next >= limit) {
                long start = jdbc.sql("select nextval('earshot_ids')").query(Long.class).single();
                next = start;
                limit = start + BLOCK;
            }
            return next++;
        } finally {
            lock.unlock();
        }
    }
}
