package io.earshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A feature's SQL touches only its own tables: every table the migrations create has one owning feature, and the
 * SQL in a feature's code (its Java string literals) names no table another feature owns. Reporting is the read
 * model and may read every table; it writes none.
 */
class TableOwnershipTest {

    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("agent", "platform"), Map.entry("team", "platform"), Map.entry("audit_event", "platform"),
            Map.entry("scheduled_tasks", "platform"), Map.entry("event_publication", "platform"),
            Map.entry("customer", "conversation"), Map.entry("customer_identity", "conversation"),
            Map.entry("conversation", "conversation"), Map.entry("conversation_event", "conversation"),
            Map.entry("message", "conversation"), Map.entry("outbox", "conversation"),
            Map.entry("channel_account", "channels"), Map.entry("inbound_delivery", "channels"),
            Map.entry("email_original", "channels"), Map.entry("chat_visitor", "channels"), Map.entry("chat_line", "channels"),
            Map.entry("canned_response", "conversation"),
            Map.entry("commitment", "followup"), Map.entry("sla_breach", "followup"), Map.entry("sla_policy", "followup"),
            Map.entry("csat", "followup"),
            Map.entry("alert", "alerting"), Map.entry("webhook", "alerting"), Map.entry("webhook_delivery", "alerting"),
            Map.entry("webhook_attempt", "alerting"),
            Map.entry("feed_entry", "channels"),
            Map.entry("topic", "listening"), Map.entry("topic_match", "listening"), Map.entry("topic_series", "listening"),
            Map.entry("spike_watch", "listening"),
            Map.entry("incident", "incidents"), Map.entry("incident_member", "incidents"),
            Map.entry("incident_update", "incidents"), Map.entry("incident_delivery", "incidents"),
            Map.entry("crisis", "incidents"));

    static final Set<String> READ_MODELS = Set.of("reporting");

    static final Pattern CREATE = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");
    static final Pattern NAMED = Pattern.compile(
            "(?i)\\b(from|join|into|update|copy|table|delete from)\\s+([a-z_]+)\\b");
    static final Pattern WRITE = Pattern.compile("(?i)\\b(into|update|copy|delete from|table)\\s+([a-z_]+)\\b");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            files.forEach(f -> {
                Matcher m = CREATE.matcher(read(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            });
        }
        assertThat(OWNER.keySet()).as("tables and their owners").containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void noFeaturesSqlNamesAnotherFeaturesTable() throws IOException {
        List<String> crossings = new ArrayList<>();
        Path root = Path.of("src/main/java/io/earshot");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                Path relative = root.relativize(f);
                if (relative.getNameCount() < 2) {
                    return;
                }
                crossings.addAll(crossings(relative.getName(0).toString(), relative.toString(), read(f)));
            });
        }
        assertThat(crossings).as("SQL naming another feature's table").isEmpty();
    }

    @Test
    void aCrossingIsFound() {
        String source = "class X { String q = \"select c.id from conversation c join commitment k on k.id = c.id\"; }";
        assertThat(crossings("conversation", "X.java", source))
                .containsExactly("X.java: conversation names followup's table commitment");
        assertThat(crossings("reporting", "R.java", source)).isEmpty();
        assertThat(crossings("reporting", "R.java", "String q = \"update commitment set state = 'kept'\";"))
                .containsExactly("R.java: reporting writes followup's table commitment");
        assertThat(crossings("conversation", "Y.java", "/** Reads from commitment. */\n    // join sla_breach\n    int x;"))
                .as("comments are not SQL").isEmpty();
        assertThat(crossings("cli", "Z.java", "long n = jdbc.queryForObject(\"select count(*) from \" + table, Long.class);"))
                .as("a table named by a variable").hasSize(1);
        assertThat(crossings("alerting", "W.java", "String q = \"select * from \"\n + \"message m\"; char quote = '\"';"))
                .as("literals joined by + are one; a char literal is not a string")
                .containsExactly("W.java: alerting names conversation's table message");
        assertThat(crossings("platform", "V.java", "String glob = \"/*\"; String q = \"select 1 from topic\";"))
                .as("a comment opener inside a string is not a comment")
                .containsExactly("V.java: platform names listening's table topic");
    }

    static List<String> crossings(String feature, String file, String source) {
        List<String> found = new ArrayList<>();
        for (String sql : literals(source)) {
            if (COMPUTED.matcher(sql).find() && STATEMENT.matcher(sql).find()) {
                found.add(file + ": " + feature + " names a table it computes: " + sql.strip());
                continue;
            }
            Matcher named = NAMED.matcher(sql);
            while (named.find()) {
                String table = named.group(2).toLowerCase();
                String owner = OWNER.get(table);
                if (owner == null || owner.equals(feature)) {
                    continue;
                }
                boolean write = WRITE.matcher(named.group()).matches();
                if (READ_MODELS.contains(feature) && !write) {
                    continue;
                }
                String line = file + ": " + feature + (write && READ_MODELS.contains(feature) ? " writes " : " names ")
                        + owner + "'s table " + table;
                if (!found.contains(line)) {
                    found.add(line);
                }
            }
        }
        return found;
    }

    /** What makes a literal SQL rather than prose that says "from" or "into". */
    static final Pattern STATEMENT = Pattern.compile("(?i)\\b(select|insert|update|delete)\\b");

    /** After {@code from}/{@code join}/{@code into}/{@code update}, a table named by a variable ({@link #literals} marks it). */
    static final Pattern COMPUTED = Pattern.compile("(?i)\\b(from|join|into|update)\\s+\u0000");

    /**
     * The string literals of a Java source (text blocks too), comments and char literals skipped; literals joined by
     * {@code +} are one, and a plain variable joined in is marked with NUL (so a computed table name shows).
     */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        int i = 0;
        int n = src.length();
        boolean joining = false;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = src.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i++;
                while (i < n && src.charAt(i) != '\'') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '"') {
                boolean block = src.startsWith("\"\"\"", i);
                int start = i + (block ? 3 : 1);
                int j = start;
                while (j < n && !(block ? src.startsWith("\"\"\"", j) : src.charAt(j) == '"')) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                String text = src.substring(start, Math.min(j, n));
                if (current != null && joining) {
                    current.append(text);
                } else {
                    if (current != null) {
                        out.add(current.toString());
                    }
                    current = new StringBuilder(text);
                }
                joining = false;
                i = j + (block ? 3 : 1);
            } else if (c == '+' && current != null) {
                joining = true;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (joining && Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && (Character.isJavaIdentifierPart(src.charAt(j)) || src.charAt(j) == '.')) {
                    j++;
                }
                int k = j;
                while (k < n && Character.isWhitespace(src.charAt(k))) {
                    k++;
                }
                if (k >= n || src.charAt(k) != '(') {
                    current.append('\u0000'); // a variable or constant joined in
                }
                joining = false;
                i = j;
            } else {
                if (current != null) {
                    out.add(current.toString());
                    current = null;
                }
                joining = false;
                i++;
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
