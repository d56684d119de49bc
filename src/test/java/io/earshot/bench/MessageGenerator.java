package io.earshot.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a deterministic stream of message items (the API's item shape, one JSON object a line) and, for the
 * raw {@code COPY} baseline, the same messages as rows of the {@code message} table in PostgreSQL's text format.
 * <p>
 * The same seed and count always give the same bytes. About one customer per five messages, on twitter, email,
 * chat, facebook and instagram; about 40% of the messages are replies to a recent one (most of them the brand
 * answering, the rest customers following up); texts of 40 to 280 characters from complaint, question, praise
 * and outage templates; {@code createdAt} strictly increasing over the 20 minutes before the file is written
 * (live traffic, as a desk on the system clock receives it; short enough that no SLA falls due while it is posted,
 * so the benchmark measures ingest, not a storm of timers that compressed time would cause).
 * <p>
 * A reply's parent is earlier in the same batch, or at least two batches back: with two connections posting
 * batches at once, the batch before this one may still be being stored, the one before that is.
 */
final class MessageGenerator {

    /** The messages are spread over this long before now. */
    static final long SPAN_MILLIS = 20 * 60 * 1000;
    static final String BRAND = "AcmeCare";

    private static final String[] CHANNELS = {"twitter", "email", "chat", "facebook", "instagram"};
    /** Cumulative shares of new customers per channel: 40% twitter, 20% email, 15% chat, 15% facebook, 10% instagram. */
    private static final double[] CHANNEL_SHARE = {0.40, 0.60, 0.75, 0.90, 1.0};

    private static final String[] FIRST = {"Ann", "Bob", "Chen", "Dana", "Eli", "Fatima", "Grace", "Hugo", "Ines", "Jon",
        "Kemal", "Lena", "Mia", "Noah", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wes", "Yuki", "Zoe"};
    private static final String[] LAST = {"Smith", "Garcia", "Okafor", "Nguyen", "Muller", "Rossi", "Kowalski", "Silva",
        "Tanaka", "Haddad", "Brown", "Jensen", "Dubois", "Novak", "Patel", "Ortiz", "O'Brien", "Lindqvist"};
    private static final String[] PRODUCTS = {"the app", "my router", "the website", "my order", "the checkout", "my account",
        "the mobile app", "my subscription", "the delivery", "my phone plan", "the login page", "my invoice", "the update"};

    private static final String[] COMPLAINT = {
        "I have been waiting for three days and still nothing about %s.",
        "This is the third time %s has failed me this week, absolutely unacceptable.",
        "Why was I charged twice for %s? I want a refund now.",
        "Your support keeps closing my ticket about %s without fixing anything.",
        "Really disappointed with %s, it broke again after the last change.",
        "Worst experience ever with %s, nobody answers the phone.",
        "Cancel it. I am done with %s and your excuses."};
    private static final String[] QUESTION = {
        "Quick question: how do I change the email on %s?",
        "Hi, is there a way to move %s to another address?",
        "Can someone tell me when %s will be available again?",
        "Does %s support two factor login yet?",
        "How long does a refund for %s usually take?",
        "Where can I find the receipt for %s?",
        "Is it possible to pause %s for a month while I travel?"};
    private static final String[] PRAISE = {
        "Huge thanks to the team, %s works perfectly now!",
        "Just wanted to say the new version of %s is great.",
        "Shout out to your agent who sorted out %s in five minutes.",
        "Loving %s so far, best decision this year.",
        "Thanks for the quick fix on %s, much appreciated."};
    private static final String[] OUTAGE = {
        "Is %s down? I get an error 503 every time.",
        "Outage again? %s has not loaded for an hour here in Berlin.",
        "Nothing works, %s just times out. Anyone else seeing this?",
        "Service down in my area, %s shows no connection since this morning.",
        "%s keeps crashing on start, is there an outage?"};
    private static final String[] FOLLOW_UP = {
        "Any news on this? Still the same problem with %s.",
        "Thanks, that helped, but %s still shows the old status.",
        "I tried that and %s still does not work.",
        "Ok, sent you a DM with the details about %s.",
        "Following up again, it has been two days and %s is unchanged."};
    private static final String[] BRAND_REPLY = {
        "Sorry to hear that! Could you send us a DM with your account email so we can look into %s?",
        "Thanks for reaching out. We are aware of an issue with %s and are working on a fix.",
        "Hi, we have checked and %s should be back to normal now. Let us know if not!",
        "Happy to help: you can change that under Settings, then Account. Details about %s are in our help centre.",
        "We have escalated %s to our specialist team; expect an update within 24 hours."};
    private static final String[] FILLER = {
        "Please help.", "Thanks in advance.", "This is urgent.", "Order number 4417-2231.", "Very frustrating.",
        "Any update would be appreciated.", "I am on the premium plan.", "Tried restarting already.",
        "My account is under this email.", "Happened on both iOS and Android.", "Still waiting...",
        "Screenshots attached.", "Same as last month.", "Great job everyone.", "Not happy at all."};

    /** What the generator wrote. */
    record Summary(long messages, long replies, long outbound, int customers, long ndjsonBytes, long copyBytes) {
    }

    private final long count;
    private final int batch;
    private final SplittableRandom random;

    // per customer: channel index, followers; and one name per customer
    private final byte[] customerChannel;
    private final long[] customerFollowers;
    private int customers;

    // a ring of recent messages, for replies: index of the message, its customer, its thread root
    private final int recent;
    private final long[] recentMessage;
    private final int[] recentCustomer;
    private final long[] recentRoot;
    private final boolean[] recentInbound;
    private long recentCount;

    MessageGenerator(long count, int batch, long seed) {
        this.count = count;
        this.batch = batch;
        this.recent = Math.max(4096, 4 * batch);
        this.recentMessage = new long[recent];
        this.recentCustomer = new int[recent];
        this.recentRoot = new long[recent];
        this.recentInbound = new boolean[recent];
        this.random = new SplittableRandom(seed);
        int maxCustomers = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, count / 2));
        this.customerChannel = new byte[maxCustomers];
        this.customerFollowers = new long[maxCustomers];
    }

    /** Writes {@code ndjson} (the API items) and {@code copy} (the same messages as table rows, text format). */
    Summary write(Path ndjson, Path copy) throws IOException {
        long replies = 0;
        long outbound = 0;
        double gap = (double) SPAN_MILLIS / count;
        long at = System.currentTimeMillis() - SPAN_MILLIS;
        double exact = at;
        StringBuilder line = new StringBuilder(768);
        StringBuilder row = new StringBuilder(768);
        try (BufferedWriter json = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8);
             BufferedWriter rows = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                exact += -Math.log(1 - random.nextDouble()) * gap;
                at = Math.max(at + 1, (long) exact);
                int slot = random.nextDouble() < 0.40 ? parentSlot(i) : -1;
                boolean reply = slot >= 0;
                int customer;
                long root;
                long parent = -1;
                boolean inbound = true;
                if (reply) {
                    parent = recentMessage[slot];
                    customer = recentCustomer[slot];
                    root = recentRoot[slot];
                    // the brand answers customers; customers follow up on answers and on their own messages
                    inbound = !recentInbound[slot] || random.nextDouble() < 0.30;
                    replies++;
                    if (!inbound) {
                        outbound++;
                    }
                } else {
                    customer = pickCustomer();
                    root = i;
                }
                remember(i, customer, root, inbound);
                item(line, i, at, customer, inbound, parent);
                json.append(line).append('\n');
                copyRow(row, i, at, customer, root, inbound, parent);
                rows.append(row).append('\n');
            }
        }
        return new Summary(count, replies, outbound, customers, Files.size(ndjson), Files.size(copy));
    }

    /** The ring slot of a reply's parent: earlier in message {@code i}'s batch, or two batches back; -1 if none. */
    private int parentSlot(long i) {
        int inBatch = (int) (i % batch);
        if (inBatch > 0 && random.nextBoolean()) {
            long back = 1 + random.nextInt(Math.min(inBatch, recent - 1));
            return (int) ((recentCount - back) % recent);
        }
        long minBack = inBatch + (long) batch + 1;
        long maxBack = Math.min(recentCount, recent);
        if (minBack > maxBack) {
            return -1;
        }
        long back = minBack + random.nextLong(maxBack - minBack + 1);
        return (int) ((recentCount - back) % recent);
    }

    private int pickCustomer() {
        if (customers == 0 || (customers < customerChannel.length && random.nextDouble() < 0.33)) {
            int c = customers++;
            double r = random.nextDouble();
            int ch = 0;
            while (r > CHANNEL_SHARE[ch]) {
                ch++;
            }
            customerChannel[c] = (byte) ch;
            customerFollowers[c] = ch == 0 || ch >= 3 ? (long) Math.exp(random.nextDouble() * 12) : 0;
            return c;
        }
        // returning customers: recent ones more often than old ones
        double r = random.nextDouble();
        return customers - 1 - (int) (customers * r * r * r);
    }

    private void remember(long message, int customer, long root, boolean inbound) {
        int slot = (int) (recentCount % recent);
        recentMessage[slot] = message;
        recentCustomer[slot] = customer;
        recentRoot[slot] = root;
        recentInbound[slot] = inbound;
        recentCount++;
    }

    static String channelOf(byte channel) {
        return CHANNELS[channel];
    }

    private String channel(int customer) {
        return CHANNELS[customerChannel[customer]];
    }

    static String externalId(String channel, long message) {
        switch (channel) {
            case "twitter":
                return Long.toString(1_760_000_000_000_000_000L + message * 7919);
            case "email":
                return "<m" + message + ".x7@mail.acme.example>";
            case "chat":
                return "chat-" + message;
            default:
                return "104233_" + message;
        }
    }

    private String handle(int customer) {
        switch (customerChannel[customer]) {
            case 0:
                return "@" + FIRST[customer % FIRST.length].toLowerCase() + "_" + customer;
            case 1:
                return FIRST[customer % FIRST.length].toLowerCase() + "." + customer + "@mail.example.com";
            case 2:
                return "visitor-" + customer;
            case 3:
                return "fb." + customer;
            default:
                return "ig_" + FIRST[customer % FIRST.length].toLowerCase() + customer;
        }
    }

    private static String name(int customer) {
        return FIRST[customer % FIRST.length] + " " + LAST[(customer / FIRST.length) % LAST.length];
    }

    /** The text of message {@code i}: derived from the message index only, so it is the same in both outputs. */
    private String text(long i, boolean inbound, boolean reply) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
        String[] templates;
        if (!inbound) {
            templates = BRAND_REPLY;
        } else if (reply) {
            templates = FOLLOW_UP;
        } else {
            double k = r.nextDouble();
            templates = k < 0.40 ? COMPLAINT : k < 0.70 ? QUESTION : k < 0.85 ? PRAISE : OUTAGE;
        }
        StringBuilder sb = new StringBuilder(300);
        sb.append(String.format(templates[r.nextInt(templates.length)], PRODUCTS[r.nextInt(PRODUCTS.length)]));
        int target = 40 + r.nextInt(241);
        while (sb.length() < target) {
            String f = FILLER[r.nextInt(FILLER.length)];
            if (sb.length() + 1 + f.length() > 280) {
                break;
            }
            sb.append(' ').append(f);
        }
        if (sb.length() > 280) {
            sb.setLength(280);
        }
        return sb.toString();
    }

    private void item(StringBuilder out, long i, long at, int customer, boolean inbound, long parent) {
        String channel = channel(customer);
        out.setLength(0);
        out.append("{\"channel\":\"").append(channel).append("\",\"externalId\":\"");
        escape(out, externalId(channel, i));
        out.append("\",\"direction\":\"").append(inbound ? "inbound" : "outbound").append("\",\"author\":{\"handle\":\"");
        if (inbound) {
            escape(out, handle(customer));
            out.append("\",\"name\":\"");
            escape(out, name(customer));
            out.append('"');
            long followers = customerFollowers[customer];
            if (followers > 0) {
                out.append(",\"followers\":").append(followers);
            }
            if (customerChannel[customer] == 0 && customer % 100 == 7) {
                out.append(",\"verified\":true");
            }
            if (customerChannel[customer] != 1 && customer % 20 == 3) {
                out.append(",\"email\":\"c").append(customer).append("@example.org\"");
            }
        } else {
            out.append(BRAND).append('"');
        }
        out.append("},\"text\":\"");
        escape(out, text(i, inbound, parent >= 0));
        out.append("\",\"createdAt\":\"").append(Instant.ofEpochMilli(at)).append('"');
        if (parent >= 0) {
            out.append(",\"inReplyTo\":\"");
            escape(out, externalId(channel, parent));
            out.append('"');
        }
        if (!"twitter".equals(channel)) {
            out.append(",\"private\":true");
        } else {
            out.append(",\"url\":\"https://twitter.com/i/status/").append(externalId(channel, i)).append('"');
        }
        out.append('}');
    }

    /**
     * The same message as a row of {@code message}, in the column order of the table; ids are synthetic
     * (the message, customer and thread numbers), the classifier's columns as the placeholder fills them.
     */
    private void copyRow(StringBuilder out, long i, long at, int customer, long root, boolean inbound, long parent) {
        String channel = channel(customer);
        out.setLength(0);
        out.append(i + 1).append('\t').append(channel).append('\t');
        copyText(out, externalId(channel, i));
        out.append('\t').append(root + 1).append('\t').append(customer + 1L).append('\t').append(inbound ? 't' : 'f').append('\t');
        copyText(out, inbound ? handle(customer) : BRAND);
        out.append('\t');
        if (inbound) {
            copyText(out, name(customer));
        } else {
            out.append("\\N");
        }
        out.append("\t\\N\t");
        copyText(out, text(i, inbound, parent >= 0));
        out.append('\t').append(at).append('\t').append(at).append('\t');
        if (parent >= 0) {
            copyText(out, externalId(channel, parent));
        } else {
            out.append("\\N");
        }
        out.append('\t').append("twitter".equals(channel) ? 'f' : 't').append('\t');
        if ("twitter".equals(channel)) {
            out.append("https://twitter.com/i/status/").append(externalId(channel, i));
        } else {
            out.append("\\N");
        }
        out.append(inbound ? "\tund\tneutral\t0\tother" : "\t\\N\t\\N\t\\N\t\\N");
    }

    private static void escape(StringBuilder out, String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private static void copyText(StringBuilder out, String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
