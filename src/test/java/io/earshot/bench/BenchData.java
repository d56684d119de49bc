package io.earshot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large store for the read-side benchmarks ({@link InboxBench}, {@link DeskBench}): N customers, each with one
 * conversation, written straight into the schema with batched SQL (not the pipeline: these benchmarks measure
 * reading). Deterministic: the same N and options give the same rows.
 */
final class BenchData {

    private static final String[] CHANNELS = {"twitter", "twitter", "twitter", "email", "email", "chat", "facebook", "forum"};
    private static final String[] STATUSES = {"open", "open", "open", "open", "open", "open", "open", "pending", "resolved", "resolved"};
    private static final String[] INTENTS = {"complaint", "question", "praise", "outage", "request", "other"};

    /** Texts for {@code withMessages}: "refund" is in about 2 of 14, "xylophone" in none (a search that finds nothing). */
    private static final String[] TEXTS = {
        "I have been waiting for three days and still nothing about %s.",
        "Why was I charged twice for %s? I want a refund now.",
        "Really disappointed with %s, it broke again after the last change.",
        "Quick question: how do I change the email on %s?",
        "Can someone tell me when %s will be available again?",
        "How long does a refund for %s usually take?",
        "Is it possible to pause %s for a month while I travel?",
        "Huge thanks to the team, %s works perfectly now!",
        "Shout out to your agent who sorted out %s in five minutes.",
        "Is %s down? I get an error 503 every time.",
        "Outage again? %s has not loaded for an hour here in Berlin.",
        "Nothing works, %s just times out. Anyone else seeing this?",
        "Your support keeps closing my ticket about %s without fixing anything.",
        "%s keeps crashing on start, is there an outage?"};
    private static final String[] PRODUCTS = {"the app", "my router", "the website", "my order", "the checkout", "my account",
        "the mobile app", "my subscription", "the delivery", "my phone plan", "the login page", "my invoice", "the update"};

    /** The first customer id; conversation ids are customer id + 50,000,000, message ids customer id + 150,000,000. */
    static final long FIRST_ID = 10_000_000;

    private BenchData() {
    }

    /**
     * N customers, each with one conversation, spread over the 90 days before {@code now}, with the mix of a busy
     * desk: 70% open, 10% pending, 20% resolved; eight channels; priorities around 35; 1 in 20 assigned to
     * {@code assignee}. With {@code withMessages}, each conversation also gets its one inbound message (a text of
     * 50-90 characters, also its preview), so a search has message bodies to read; without, the preview is a
     * placeholder and the message table stays empty (what {@link InboxBench} measures).
     */
    static void load(JdbcTemplate jdbc, long n, Instant now, long assignee, boolean withMessages) {
        Random random = new Random(11);
        Random texts = new Random(12);
        long span = Duration.ofDays(90).toMillis();
        long end = now.toEpochMilli();
        int chunk = 5_000;
        for (long from = 0; from < n; from += chunk) {
            int size = (int) Math.min(chunk, n - from);
            List<Object[]> customers = new ArrayList<>(size);
            List<Object[]> conversations = new ArrayList<>(size);
            List<Object[]> messages = new ArrayList<>(withMessages ? size : 0);
            for (int k = 0; k < size; k++) {
                long id = FIRST_ID + from + k;
                // in time order, as a desk receives them (with some jitter): what a time index over messages meets
                long created = end - span + (long) ((from + k + random.nextDouble() * 50) * span / (double) (n + 50));
                String status = STATUSES[random.nextInt(STATUSES.length)];
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                int score = (int) Math.min(100, Math.abs(random.nextGaussian() * 25 + 35));
                String level = score >= 85 ? "urgent" : score >= 65 ? "high" : score >= 35 ? "normal" : "low";
                Long firstResponse = random.nextDouble() < 0.8 ? created + (long) (random.nextDouble() * 7_200_000) : null;
                Long resolved = status.equals("resolved") ? created + (long) (random.nextDouble() * 259_200_000) : null;
                Long due = status.equals("resolved") ? null : created + (firstResponse == null ? 3_600_000L : 86_400_000L);
                String preview = "message preview number " + id;
                if (withMessages) {
                    preview = String.format(TEXTS[texts.nextInt(TEXTS.length)], PRODUCTS[texts.nextInt(PRODUCTS.length)]);
                    messages.add(new Object[] {id + 150_000_000L, channel, "bench-" + id, id + 50_000_000L, id, true,
                        "user" + id, "User " + id, preview, created, created});
                }
                customers.add(new Object[] {id, "user" + id, "User " + id, (long) Math.pow(10, random.nextDouble() * 5), created, created});
                conversations.add(new Object[] {id + 50_000_000L, id, channel, status, random.nextInt(20) == 0 ? assignee : null,
                    preview, score, level, "[\"complaint\"]", random.nextBoolean() ? "negative" : "neutral",
                    INTENTS[random.nextInt(INTENTS.length)], created, created, created, firstResponse,
                    firstResponse == null ? null : (firstResponse - created) / 1000, resolved,
                    resolved == null ? null : (resolved - created) / 1000, due, due});
            }
            jdbc.batchUpdate("insert into customer (id, handle, name, followers, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?)",
                    customers);
            jdbc.batchUpdate("insert into conversation (id, customer_id, channel, status, assignee_id, preview, priority_score, "
                    + "priority_level, priority_reasons, sentiment_label, intent, created_at, last_activity_at, last_inbound_at, "
                    + "first_response_at, first_response_seconds, resolved_at, resolution_seconds, resolution_due, due_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversations);
            if (withMessages) {
                jdbc.batchUpdate("insert into message (id, channel, external_id, conversation_id, customer_id, inbound, "
                        + "author_handle, author_name, body, created_at, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        messages);
            }
        }
    }
}
