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
            Map.entry("canned_response", "conversation"),
            Map.entry("commitment", "followup"), Map.entry("sla_breach", "followup"), Map.entry("sla_policy", "followup"),
            Map.entry("csat", "followup"),
            Map.entry("alert", "alerting"), Map.entry("webhook", "alerting"), Map.entry("webhook_delivery", "alerting"),
            Map.entry("webhook_attempt", "alerting"),
            Map.entry("topic", "listening"));

    static final Set<String> READ_MODELS = Set.of("reporting");

    static final Pattern CREATE = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");
    static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
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
    }

    static List<String> crossings(String feature, String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher literal = LITERAL.matcher(source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", ""));
        while (literal.find()) {
            String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
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

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
