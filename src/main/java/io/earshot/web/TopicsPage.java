package io.earshot.web;

import io.earshot.alerting.Alert;
import io.earshot.alerting.Alerts;
import io.earshot.conversation.InboundMessages;
import io.earshot.listening.Topic;
import io.earshot.listening.TopicPoint;
import io.earshot.listening.Topics;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Role;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Listening in the desk: every topic with its last day's volume and spikes, each topic's chart with its spikes marked
 * on it, its spikes (size against normal, the words that stand out, sample messages) and recent matches; leads add
 * topics, trying the query on recent messages first, and delete them.
 */
@Controller
class TopicsPage {

    /** The ranges a topic's chart shows, with their bucket. */
    enum Range {
        DAY("24h", Duration.ofDays(1), Duration.ofHours(1)), TWO_DAYS("48h", Duration.ofDays(2), Duration.ofHours(1)),
        WEEK("7d", Duration.ofDays(7), Duration.ofHours(6)), MONTH("30d", Duration.ofDays(30), Duration.ofDays(1));

        final String key;
        final Duration span;
        final Duration bucket;

        Range(String key, Duration span, Duration bucket) {
            this.key = key;
            this.span = span;
            this.bucket = bucket;
        }

        public String key() {
            return key;
        }

        static Range of(String key) {
            for (Range r : values()) {
                if (r.key.equals(key)) {
                    return r;
                }
            }
            return TWO_DAYS;
        }
    }

    /** A topic as the list shows it. */
    record Row(Topic topic, long volume, long negative, int spikes) {
    }

    /** A spike alert as a topic's page lists it. */
    record Spike(Alert alert, String message, List<String> words, List<InboundMessages.Heard> samples) {
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Topics topics;
    private final Alerts alerts;
    private final InboundMessages messages;
    private final Clock clock;
    private final CurrentAgent current;

    TopicsPage(Topics topics, Alerts alerts, InboundMessages messages, Clock clock, CurrentAgent current) {
        this.topics = topics;
        this.alerts = alerts;
        this.messages = messages;
        this.clock = clock;
        this.current = current;
    }

    @GetMapping("/topics")
    String list(Principal principal, Model model) {
        Agent agent = current.of(principal);
        Instant now = clock.instant();
        Instant dayAgo = floor(now.minus(Duration.ofDays(1)), Duration.ofHours(1));
        List<Alert> spikes = alerts.list(now.minus(Duration.ofDays(7)), "spike", null, 500);
        List<Row> rows = new ArrayList<>();
        for (Topic t : topics.all()) {
            List<TopicPoint> day = topics.series(t, dayAgo, now, Duration.ofHours(1));
            long volume = day.stream().mapToLong(TopicPoint::volume).sum();
            long negative = day.stream().mapToLong(TopicPoint::negative).sum();
            int n = (int) spikes.stream().filter(a -> t.id().equals(a.topicId())).count();
            rows.add(new Row(t, volume, negative, n));
        }
        model.addAttribute("agent", agent);
        model.addAttribute("lead", agent.holds(Role.LEAD));
        model.addAttribute("rows", rows);
        model.addAttribute("chart", chart("All inbound messages, last 48 hours", topics.overall(floor(now.minus(Range.TWO_DAYS.span),
                Range.TWO_DAYS.bucket), now,
                Range.TWO_DAYS.bucket), spikes.stream().filter(a -> a.topicId() == null).toList(), Range.TWO_DAYS));
        return "topics";
    }

    @GetMapping("/topics/{id}")
    String one(@PathVariable String id, @RequestParam(defaultValue = "48h") String range, Principal principal, Model model) {
        Agent agent = current.of(principal);
        Topic topic = topics.byId(Ids.require(id, "topic")).orElseThrow(() -> EarshotException.notFound("topic", id));
        Range r = Range.of(range);
        Instant now = clock.instant();
        Instant from = floor(now.minus(r.span), r.bucket);
        List<Alert> spikes = alerts.list(from, "spike", null, 500).stream().filter(a -> topic.id().equals(a.topicId())).toList();
        List<TopicPoint> points = topics.series(topic, from, now, r.bucket);
        model.addAttribute("agent", agent);
        model.addAttribute("lead", agent.holds(Role.LEAD));
        model.addAttribute("topic", topic);
        model.addAttribute("range", r);
        model.addAttribute("ranges", Range.values());
        model.addAttribute("chart", chart(topic.name() + ", last " + r.key, points, spikes, r));
        model.addAttribute("volume", points.stream().mapToLong(TopicPoint::volume).sum());
        model.addAttribute("negative", points.stream().mapToLong(TopicPoint::negative).sum());
        model.addAttribute("authors", points.stream().mapToLong(TopicPoint::uniqueAuthors).max().orElse(0));
        model.addAttribute("spikes", spikes.stream().limit(20).map(this::spike).toList());
        model.addAttribute("matches", topics.matches(topic, 20));
        return "topic";
    }

    @PostMapping("/topics")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String query,
                  @RequestParam(defaultValue = "normal") String sensitivity, Principal principal, RedirectAttributes flash) {
        requireLead(principal);
        try {
            Topic t = topics.create(name, query, sensitivity);
            flash.addFlashAttribute("notice", "Listening for \"" + t.name() + "\" from now on.");
            return "redirect:/topics/" + t.id();
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            flash.addFlashAttribute("name", name);
            flash.addFlashAttribute("query", query);
            return "redirect:/topics";
        }
    }

    @PostMapping("/topics/preview")
    String preview(@RequestParam(defaultValue = "") String query, Principal principal, Model model) {
        requireLead(principal);
        try {
            model.addAttribute("preview", topics.preview(query));
        } catch (EarshotException e) {
            model.addAttribute("previewProblem", e.getMessage());
        }
        return "topics :: preview";
    }

    @PostMapping("/topics/{id}/delete")
    String delete(@PathVariable String id, Principal principal, RedirectAttributes flash) {
        requireLead(principal);
        Topic topic = topics.byId(Ids.require(id, "topic")).orElseThrow(() -> EarshotException.notFound("topic", id));
        topics.delete(Long.parseLong(topic.id()));
        flash.addFlashAttribute("notice", "Stopped listening for \"" + topic.name() + "\".");
        return "redirect:/topics";
    }

    /** Buckets on whole hours (days) of UTC, so the series reads its stored hourly (daily) buckets. */
    private static Instant floor(Instant t, Duration bucket) {
        long size = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), size) * size);
    }

    private void requireLead(Principal principal) {
        if (!current.of(principal).holds(Role.LEAD)) {
            throw new EarshotException(403, "forbidden", "only leads and admins change topics", null);
        }
    }

    private Spike spike(Alert a) {
        Map<String, Object> d = a.details();
        List<String> words = d.get("topWords") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        List<Long> ids = d.get("sampleMessageIds") instanceof List<?> l
                ? l.stream().map(String::valueOf).map(Ids::parse).flatMap(java.util.Optional::stream).limit(3).toList() : List.of();
        return new Spike(a, String.valueOf(d.getOrDefault("message", "A spike")), words, messages.byIds(ids));
    }

    private static String chart(String title, List<TopicPoint> points, List<Alert> spikes, Range r) {
        List<String> labels = new ArrayList<>();
        long[] negative = new long[points.size()];
        long[] other = new long[points.size()];
        DateTimeFormatter f = r.bucket.compareTo(Duration.ofDays(1)) >= 0 ? DAY : HOUR;
        for (int i = 0; i < points.size(); i++) {
            TopicPoint p = points.get(i);
            labels.add(f.format(p.start()));
            negative[i] = p.negative();
            other[i] = p.volume() - p.negative();
        }
        Map<Integer, String> marks = new HashMap<>();
        long size = r.bucket.toMillis();
        if (!points.isEmpty()) {
            long start = points.get(0).start().toEpochMilli();
            for (Alert a : spikes) {
                Object at = a.details().get("bucketStart");
                Instant t = at == null ? a.firedAt() : Instant.parse(at.toString());
                int k = (int) Math.floorDiv(t.toEpochMilli() - start, size);
                marks.merge(k, "Spike: " + a.details().getOrDefault("message", ""), (x, y) -> x + "\n" + y);
            }
        }
        return SvgCharts.stackedBars(title, "UTC", "Messages", labels, labels,
                List.of(new SvgCharts.Series("Negative", "s-negative", negative), new SvgCharts.Series("Other", "s-neutral", other)), marks);
    }
}
