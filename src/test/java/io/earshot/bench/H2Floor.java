package io.earshot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * The least the embedded database must do for the pipeline's writes, without the pipeline: the generated
 * message rows inserted into {@code message}, and for every customer a conversation inserted on its first
 * message and updated (the columns one inbound message changes) once per batch it appears in, in batches of
 * the pipeline's size, one transaction and commit each. Plain JDBC, prepared statements, the application's own
 * schema (its Flyway migrations) and the application's JDBC URL options. No reads, no customers, no
 * classification, no timers: a ceiling for the pipeline on H2, as {@code COPY} is on PostgreSQL.
 */
final class H2Floor {

    private static final String INSERT_MESSAGE = "insert into message (id, channel, external_id, conversation_id, customer_id, "
            + "inbound, author_handle, author_name, agent_id, body, created_at, received_at, in_reply_to, private_message, url, "
            + "language, sentiment_label, sentiment_score, intent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONVERSATION = "insert into conversation (id, customer_id, channel, status, preview, "
            + "priority_score, priority_level, priority_reasons, created_at, last_activity_at, last_inbound_at, inbound_count, "
            + "due_at, priority_refresh_at) values (?, ?, ?, 'open', ?, ?, 'normal', '[\"a first message\"]', ?, ?, ?, 1, ?, ?)";
    private static final String UPDATE_CONVERSATION = "update conversation set preview = ?, priority_score = ?, "
            + "priority_reasons = '[\"a later message\"]', last_activity_at = ?, last_inbound_at = ?, "
            + "inbound_count = inbound_count + 1, due_at = ?, priority_refresh_at = ? where id = ?";

    private H2Floor() {
    }

    /** Loads {@code rows} (message rows in COPY text format) into a fresh database under {@code dir}. */
    static IngestBench.Result run(Path dir, Path rows, int batchSize, String urlOptions) throws IOException, SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("earshot") + ";" + urlOptions;
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        System.out.printf("== h2 floor: message inserts and conversation upserts, plain JDBC, batches of %,d%n", batchSize);
        long count = 0;
        long[] batchNanos = new long[16];
        int batches = 0;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             BufferedReader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8);
             PreparedStatement message = c.prepareStatement(INSERT_MESSAGE);
             PreparedStatement insert = c.prepareStatement(INSERT_CONVERSATION);
             PreparedStatement update = c.prepareStatement(UPDATE_CONVERSATION)) {
            c.setAutoCommit(false);
            Set<Long> started = new HashSet<>();
            List<String[]> batch = new ArrayList<>(batchSize);
            String line;
            long start = System.nanoTime();
            do {
                line = in.readLine();
                if (line != null) {
                    batch.add(line.split("\t", -1));
                }
                if (batch.size() == batchSize || (line == null && !batch.isEmpty())) {
                    write(batch, started, message, insert, update);
                    c.commit();
                    count += batch.size();
                    batch.clear();
                    long end = System.nanoTime();
                    if (batches == batchNanos.length) {
                        batchNanos = java.util.Arrays.copyOf(batchNanos, batches * 2);
                    }
                    batchNanos[batches++] = end - start;
                    start = end;
                }
            } while (line != null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        java.util.Arrays.sort(batchNanos, 0, batches);
        System.out.printf(java.util.Locale.ROOT, "   %,d rows in %.1f s%n%n", count, seconds);
        return new IngestBench.Result("h2 floor (2 writes/msg, no pipeline)", count, seconds,
                IngestBench.percentile(batchNanos, batches, 0.5), IngestBench.percentile(batchNanos, batches, 0.99), null, "");
    }

    private static void write(List<String[]> batch, Set<Long> started, PreparedStatement message, PreparedStatement insert,
                              PreparedStatement update) throws SQLException {
        // one conversation per customer, as the pipeline threads a customer's messages within its window
        Map<Long, String[]> latest = new LinkedHashMap<>();
        for (String[] row : batch) {
            for (int i = 0; i < 19; i++) {
                bind(message, i + 1, row[i], i);
            }
            message.addBatch();
            if ("t".equals(row[5])) {
                latest.put(Long.parseLong(row[4]), row);
            }
        }
        for (Map.Entry<Long, String[]> e : latest.entrySet()) {
            long conversation = e.getKey();
            String[] row = e.getValue();
            long at = Long.parseLong(row[10]);
            String preview = unescape(row[9]);
            preview = preview.length() > 300 ? preview.substring(0, 300) : preview;
            int score = (int) (at % 100);
            if (started.add(conversation)) {
                insert.setLong(1, conversation);
                insert.setLong(2, conversation);
                insert.setString(3, row[1]);
                insert.setString(4, preview);
                insert.setInt(5, score);
                insert.setLong(6, at);
                insert.setLong(7, at);
                insert.setLong(8, at);
                insert.setLong(9, at + 3_600_000);
                insert.setLong(10, at + 600_000);
                insert.addBatch();
            } else {
                update.setString(1, preview);
                update.setInt(2, score);
                update.setLong(3, at);
                update.setLong(4, at);
                update.setLong(5, at + 3_600_000);
                update.setLong(6, at + 600_000);
                update.setLong(7, conversation);
                update.addBatch();
            }
        }
        insert.executeBatch();
        update.executeBatch();
        message.executeBatch();
    }

    private static void bind(PreparedStatement ps, int index, String raw, int column) throws SQLException {
        if ("\\N".equals(raw)) {
            ps.setNull(index, column == 17 ? Types.REAL : Types.VARCHAR);
            return;
        }
        switch (column) {
            case 0, 3, 4, 10, 11 -> ps.setLong(index, Long.parseLong(raw));
            case 5, 13 -> ps.setBoolean(index, "t".equals(raw));
            case 17 -> ps.setFloat(index, Float.parseFloat(raw));
            default -> ps.setString(index, unescape(raw));
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
