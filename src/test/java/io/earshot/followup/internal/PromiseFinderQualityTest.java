package io.earshot.followup.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.earshot.followup.BusinessCalendar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Measures {@link EnglishPromiseFinder} on the hand-labelled replies in {@code followup/promises.jsonl}, per split
 * (dev, test) and overall, prints the table and writes it to {@code target/promise-eval.txt}. The gates hold a
 * regression: overall kind-agnostic promise precision ≥ 0.95 and recall ≥ 0.90, due-date accuracy ≥ 0.90.
 * Run with {@code -Dpromises.verbose=true} to list the dev items it gets wrong; tune the rules on those only
 * ({@code -Dpromises.verbose=test} lists the test items, for reporting).
 */
class PromiseFinderQualityTest {

    static final String SET = "/followup/promises.jsonl";
    static final Duration SOON = Duration.ofHours(4);
    static final double MIN_PRECISION = 0.95;
    static final double MIN_RECALL = 0.90;
    static final double MIN_DUE_ACCURACY = 0.90;

    record Labelled(String kind, Instant due) {
    }

    record Item(String id, String split, Instant saidAt, BusinessCalendar calendar, String text, List<Labelled> promises) {
    }

    /** Counts for one split. */
    static final class Tally {
        int replies;
        int labelled;
        int replyTp;
        int replyFp;
        int replyFn;
        int found;
        int matched;
        int matchedAny;
        int dueRight;
        int dueRightAny;

        double detectP() {
            return ratio(replyTp, replyTp + replyFp);
        }

        double detectR() {
            return ratio(replyTp, replyTp + replyFn);
        }

        double p() {
            return ratio(matched, found);
        }

        double r() {
            return ratio(matched, labelled);
        }

        double pAny() {
            return ratio(matchedAny, found);
        }

        double rAny() {
            return ratio(matchedAny, labelled);
        }

        double due() {
            return ratio(dueRight, matched);
        }

        double dueAny() {
            return ratio(dueRightAny, matchedAny);
        }

        static double ratio(int a, int b) {
            return b == 0 ? 1.0 : (double) a / b;
        }
    }

    static List<Item> load() throws IOException {
        return load(SET);
    }

    /** The hand-labelled replies of a JSON-lines set in this format. */
    static List<Item> load(String set) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Item> items = new ArrayList<>();
        try (InputStream in = PromiseFinderQualityTest.class.getResourceAsStream(set)) {
            assertTrue(in != null, set + " missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = json.readTree(line);
                BusinessCalendar cal = BusinessCalendar.DEFAULT;
                JsonNode c = o.get("calendar");
                if (c != null && !c.isNull()) {
                    cal = BusinessCalendar.parse(c.get("zone").asString(), c.get("hours").asString(), c.get("holidays").asString());
                }
                List<Labelled> promises = new ArrayList<>();
                for (JsonNode p : o.get("promises")) {
                    JsonNode due = p.get("due");
                    promises.add(new Labelled(p.get("kind").asString(), due == null || due.isNull() ? null : Instant.parse(due.asString())));
                }
                items.add(new Item(o.get("id").asString(), o.get("split").asString(), Instant.parse(o.get("saidAt").asString()), cal,
                        o.get("text").asString(), promises));
            }
        }
        return items;
    }

    static boolean dueRight(Labelled l, FoundPromise f) {
        return l.due() == null ? f.when() == null : f.when() != null && l.due().equals(f.dueAt());
    }

    @Test
    void meetsTheMeasuredQuality() throws IOException {
        List<Item> items = load();
        Map<String, Tally> tallies = evaluate(items, SET, "promise-eval.txt");
        Tally all = tallies.get("all");
        assertTrue(all.pAny() >= MIN_PRECISION, "promise precision (any kind) " + all.pAny());
        assertTrue(all.rAny() >= MIN_RECALL, "promise recall (any kind) " + all.rAny());
        assertTrue(all.due() >= MIN_DUE_ACCURACY, "due-date accuracy " + all.due());
    }

    /**
     * Runs the finder on every item, tallies the dev and test splits and both together, prints the table and writes
     * it to {@code target/<file>}. {@code -Dpromises.verbose=true} lists the dev items it gets wrong ({@code =test}
     * the test ones).
     */
    static Map<String, Tally> evaluate(List<Item> items, String set, String file) throws IOException {
        return evaluate(new EnglishPromiseFinder(), items, set, file);
    }

    /** As {@link #evaluate(List, String, String)}, with another finder. */
    static Map<String, Tally> evaluate(PromiseFinder finder, List<Item> items, String set, String file) throws IOException {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("dev", new Tally());
        tallies.put("test", new Tally());
        tallies.put("all", new Tally());
        String verbose = System.getProperty("promises.verbose", "false");
        String shown = verbose.equals("true") ? "dev" : verbose;
        for (Item item : items) {
            List<FoundPromise> found = finder.find(item.text(), item.saidAt(), item.calendar(), SOON);
            String misses = score(item, found, tallies.get(item.split()), tallies.get("all"));
            if (misses != null && item.split().equals(shown)) {
                System.out.println(item.id() + " " + item.saidAt() + " | " + item.text().replace('\n', ' ') + "\n    want "
                        + item.promises() + "\n    got  " + found + "\n    " + misses);
            }
        }
        String table = table(set, items.size(), tallies);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", file), table);
        return tallies;
    }

    @Test
    void mayPromiseSaysNoOnlyWhereFindFindsNothing() throws IOException {
        PromiseFinder finder = new EnglishPromiseFinder();
        int yes = 0;
        for (Item item : load()) {
            boolean found = !finder.find(item.text(), item.saidAt(), item.calendar(), SOON).isEmpty();
            assertEquals(found, finder.mayPromise(item.text()), item.id() + ": " + item.text());
            yes += found ? 1 : 0;
        }
        assertTrue(yes > 100, "the labelled set has promises to find: " + yes);
    }

    /** Adds one reply to both tallies; returns what went wrong, or null. */
    static String score(Item item, List<FoundPromise> found, Tally... tallies) {
        boolean want = !item.promises().isEmpty();
        boolean got = !found.isEmpty();
        // kind matching: greedy, each labelled promise used once
        List<Labelled> free = new ArrayList<>(item.promises());
        int matched = 0;
        int dueRight = 0;
        List<FoundPromise> unmatched = new ArrayList<>();
        StringBuilder wrong = new StringBuilder();
        for (FoundPromise f : found) {
            Labelled l = free.stream().filter(x -> x.kind().equals(f.kind())).findFirst().orElse(null);
            if (l == null) {
                unmatched.add(f);
                continue;
            }
            free.remove(l);
            matched++;
            if (dueRight(l, f)) {
                dueRight++;
            } else {
                wrong.append("due ").append(f.kind()).append(": want ").append(l.due()).append(" got ").append(f.dueAt())
                        .append(" (").append(f.when()).append(") ");
            }
        }
        // kind-agnostic: the kind matches stand, then the rest pair up in order
        int matchedAny = matched;
        int dueRightAny = dueRight;
        for (int i = 0; i < Math.min(unmatched.size(), free.size()); i++) {
            matchedAny++;
            if (dueRight(free.get(i), unmatched.get(i))) {
                dueRightAny++;
            }
        }
        if (!unmatched.isEmpty()) {
            wrong.append("extra/wrong kind: ").append(unmatched.stream().map(FoundPromise::kind).toList()).append(' ');
        }
        if (!free.isEmpty()) {
            wrong.append("missed: ").append(free.stream().map(Labelled::kind).toList());
        }
        for (Tally t : tallies) {
            t.replies++;
            t.labelled += item.promises().size();
            t.found += found.size();
            t.matched += matched;
            t.matchedAny += matchedAny;
            t.dueRight += dueRight;
            t.dueRightAny += dueRightAny;
            if (want && got) {
                t.replyTp++;
            } else if (got) {
                t.replyFp++;
            } else if (want) {
                t.replyFn++;
            }
        }
        return wrong.length() == 0 ? null : wrong.toString().trim();
    }

    static String table(String set, int items, Map<String, Tally> tallies) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "PromiseFinder on %s (%d replies; default calendar unless the item names one; soon = PT4H)%n",
                set, items));
        b.append(String.format(Locale.ROOT, "%-5s %7s %8s %6s | %-15s | %-15s | %-15s | %-13s %-13s%n", "split", "replies",
                "promises", "found", "detect P / R", "promise P / R", "any-kind P / R", "due (kind)", "due (any)"));
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            b.append(String.format(Locale.ROOT, "%-5s %7d %8d %6d | %.3f / %.3f   | %.3f / %.3f   | %.3f / %.3f   | %.3f (%3d)   %.3f (%3d)%n",
                    e.getKey(), t.replies, t.labelled, t.found, t.detectP(), t.detectR(), t.p(), t.r(), t.pAny(), t.rAny(),
                    t.due(), t.matched, t.dueAny(), t.matchedAny));
        }
        b.append("detect = does the reply hold any promise; promise = same reply and same kind, greedy, each label used once;\n")
                .append("any-kind = same reply, kind ignored; due = exact instant (or both the default) over matched promises.\n");
        return b.toString();
    }
}
