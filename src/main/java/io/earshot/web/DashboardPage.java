package io.earshot.web;

import io.earshot.platform.EarshotException;
import io.earshot.reporting.Dashboard;
import io.earshot.reporting.Summary;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: headline figures and charts over a period (drawn on the server as SVG, see {@link SvgCharts}),
 * each chart with its table, and the whole report as CSV. Times are UTC.
 */
@Controller
class DashboardPage {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    /** The quick periods offered above the charts. */
    static final Map<String, Duration> QUICK = Map.of("24h", Duration.ofHours(24), "3d", Duration.ofDays(3), "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30), "90d", Duration.ofDays(90));
    static final int AGENT_BARS = 15;
    private static final int CHANNEL_COLOURS = 7;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_AXIS = DateTimeFormatter.ofPattern("HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_AXIS = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Dashboard dashboard;
    private final CurrentAgent current;
    private final Clock clock;
    private final io.earshot.platform.ExpensiveReads expensive;

    DashboardPage(Dashboard dashboard, CurrentAgent current, Clock clock, io.earshot.platform.ExpensiveReads expensive) {
        this.expensive = expensive;
        this.dashboard = dashboard;
        this.current = current;
        this.clock = clock;
    }

    /** A headline figure: what it is, its value, and a line of detail. */
    record Card(String id, String label, String value, String detail) {
    }

    /** A chart's fallback table. */
    record Table(List<String> head, List<List<String>> rows) {
    }

    /** A chart: the SVG (built and escaped by {@link SvgCharts}), its table, and a note under it. */
    record Chart(String id, String title, String svg, Table table, String note) {
    }

    record Period(Instant from, Instant to) {
    }

    @GetMapping("/dashboard")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String last, Principal principal, Model model) {
        Period period;
        String error = null;
        try {
            period = period(from, to, last);
        } catch (EarshotException e) {
            error = e.getMessage() + " Showing the last 7 days instead.";
            period = defaultPeriod();
        }
        Period shown = period;
        Dashboard.Figures f = expensive.run(() -> dashboard.figures(shown.from(), shown.to()));
        model.addAttribute("agent", current.of(principal));
        model.addAttribute("error", error);
        model.addAttribute("period", period);
        model.addAttribute("shownFrom", SHOWN.format(period.from()));
        model.addAttribute("shownTo", SHOWN.format(period.to()));
        model.addAttribute("fromDate", LocalDate.ofInstant(period.from(), ZoneOffset.UTC).toString());
        model.addAttribute("toDate", LocalDate.ofInstant(period.to().minusMillis(1), ZoneOffset.UTC).toString());
        model.addAttribute("bucket", hourly(f) ? "hour" : "day");
        model.addAttribute("last", last != null && QUICK.containsKey(last) && error == null ? last : null);
        model.addAttribute("cards", cards(f.summary()));
        model.addAttribute("charts", charts(f));
        return "dashboard";
    }

    @GetMapping("/dashboard.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String last) {
        Period period;
        try {
            period = period(from, to, last);
        } catch (EarshotException e) {
            return ResponseEntity.badRequest().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(e.getMessage() + "\n");
        }
        String body = ReportCsv.write(expensive.run(() -> dashboard.figures(period.from(), period.to())));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=earshot-report-" + FILE.format(period.from()) + "-"
                        + FILE.format(period.to()) + ".csv")
                .body(body);
    }

    /**
     * The period asked for: {@code from} and {@code to} as ISO instants or dates (a date {@code to} includes that
     * whole day), or {@code last} (24h, 3d, 7d, 30d, 90d) before {@code to}; by default the last 7 days.
     */
    Period period(String from, String to, String last) {
        Instant end = blank(to) ? clock.instant() : instant("to", to, true);
        Instant start;
        if (!blank(from)) {
            start = instant("from", from, false);
        } else if (!blank(last)) {
            Duration d = QUICK.get(last);
            if (d == null) {
                throw EarshotException.invalid("last", "'last' must be one of 24h, 3d, 7d, 30d, 90d.");
            }
            start = end.minus(d);
        } else {
            start = end.minus(DEFAULT_PERIOD);
        }
        if (!start.isBefore(end)) {
            throw EarshotException.invalid("from", "The start of the period must be before its end.");
        }
        if (Duration.between(start, end).compareTo(Dashboard.LONGEST) > 0) {
            throw EarshotException.invalid("from", "The period may be at most " + Dashboard.LONGEST.toDays() + " days long.");
        }
        return new Period(start, end);
    }

    private Period defaultPeriod() {
        Instant now = clock.instant();
        return new Period(now.minus(DEFAULT_PERIOD), now);
    }

    private static Instant instant(String field, String value, boolean end) {
        String v = value.trim();
        Instant at;
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                at = (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = java.time.OffsetDateTime.parse(v).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw EarshotException.invalid(field, "'" + field + "' must be a date such as 2026-05-01 or an instant such as "
                    + "2026-05-01T10:00:00Z.");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw EarshotException.invalid(field, "'" + field + "' must be between 1970 and 3000.");
        }
        return at;
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean hourly(Dashboard.Figures f) {
        return f.bucket().compareTo(Duration.ofHours(1)) <= 0;
    }

    // ---- the headline cards ------------------------------------------------------------------------------------

    static List<Card> cards(Summary s) {
        Summary.Commitments c = s.commitments();
        return List.of(
                new Card("conversations", "Conversations", whole(s.conversations()),
                        whole(s.inbound()) + " messages in · " + whole(s.replies()) + " replies"),
                new Card("first-response", "First response, median", duration(s.firstResponse().median()),
                        "p90 " + duration(s.firstResponse().p90()) + " · " + whole(s.firstResponse().count()) + " answered"),
                new Card("resolution", "Resolution, median", duration(s.resolution().median()),
                        "p90 " + duration(s.resolution().p90()) + " · " + whole(s.resolution().count()) + " resolved"),
                new Card("commitments", "Promises kept", c.keptRate() == null ? "–" : Math.round(c.keptRate() * 100) + "%",
                        whole(c.made()) + " made · " + whole(c.kept()) + " kept · " + whole(c.broken()) + " broken"),
                new Card("silent", "Silent conversations", whole(s.silentConversations()), "customers left waiting past the update cadence"),
                new Card("csat", "CSAT", s.csat().average() == null ? "–" : String.format(Locale.ROOT, "%.1f / 5", s.csat().average()),
                        whole(s.csat().responses()) + (s.csat().responses() == 1 ? " answer" : " answers")),
                new Card("replies-per-hour", "Replies per hour", String.format(Locale.ROOT, "%.1f", s.repliesPerHour()), "all agents"));
    }

    /** A duration in seconds, short: 45s, 12m, 3.4h, 2.1d; a dash when there is none. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        double s = seconds;
        if (s < 60) {
            return Math.round(s) + "s";
        }
        if (s < 3600) {
            return Math.round(s / 60) + "m";
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%.1fh", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1fd", s / 86400);
    }

    private static String whole(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---- the charts --------------------------------------------------------------------------------------------

    static List<Chart> charts(Dashboard.Figures f) {
        boolean hourly = hourly(f);
        List<String> full = new ArrayList<>();
        List<String> axis = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (int i = 0; i < f.buckets().size(); i++) {
            Instant b = f.buckets().get(i);
            full.add((hourly ? HOUR_FULL : DAY_FULL).format(b));
            axis.add((hourly ? HOUR_AXIS : DAY_AXIS).format(b));
            ends.add(SHOWN.format(f.bucketEnd(i)));
        }
        String per = hourly ? "Hour (UTC)" : "Day (UTC)";
        List<Chart> charts = new ArrayList<>();

        // inbound volume by channel: the busiest channels in colour, the rest folded into one
        List<SvgCharts.Series> channels = new ArrayList<>();
        long[] others = new long[full.size()];
        int folded = 0;
        for (int i = 0; i < f.byChannel().size(); i++) {
            Dashboard.Series s = f.byChannel().get(i);
            if (i < CHANNEL_COLOURS || f.byChannel().size() == CHANNEL_COLOURS + 1) {
                channels.add(new SvgCharts.Series(s.key(), "c" + i, s.values()));
            } else {
                folded++;
                for (int j = 0; j < others.length; j++) {
                    others[j] += s.values()[j];
                }
            }
        }
        if (folded > 0) {
            channels.add(new SvgCharts.Series(folded + " other channels", "c7", others));
        }
        charts.add(new Chart("volume-channel", "Inbound messages by channel",
                SvgCharts.stackedBars("Inbound messages by channel, per " + (hourly ? "hour" : "day"), per, "Messages", axis, full, channels),
                overTime(hourly ? "Hour" : "Day", full, f.byChannel()), null));

        List<SvgCharts.Series> sentiments = new ArrayList<>();
        for (Dashboard.Series s : f.bySentiment()) {
            sentiments.add(new SvgCharts.Series(s.key(), "s-" + s.key(), s.values()));
        }
        charts.add(new Chart("volume-sentiment", "Inbound messages by sentiment",
                SvgCharts.stackedBars("Inbound messages by sentiment, per " + (hourly ? "hour" : "day"), per, "Messages", axis, full, sentiments),
                overTime(hourly ? "Hour" : "Day", full, f.bySentiment()), null));

        List<String> bins = Dashboard.BINS.stream().map(Dashboard.Bin::label).toList();
        charts.add(new Chart("first-response", "Time to first response",
                SvgCharts.histogram("Time to first response", "Time to first response", "Conversations", "conversations", "h-first",
                        bins, f.firstResponse()),
                histogramTable("Time to first response", bins, f.firstResponse()), "Conversations created in the period that were answered."));
        charts.add(new Chart("resolution", "Time to resolution",
                SvgCharts.histogram("Time to resolution", "Time to resolution", "Conversations", "conversations", "h-resolution",
                        bins, f.resolution()),
                histogramTable("Time to resolution", bins, f.resolution()), "Conversations created in the period that are resolved."));

        List<List<String>> backlogRows = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            backlogRows.add(List.of(ends.get(i), whole(f.backlog()[i])));
        }
        charts.add(new Chart("backlog", "Backlog",
                SvgCharts.stackedBars("Backlog: open and pending conversations at the end of each " + (hourly ? "hour" : "day"), per,
                        "Conversations", axis, ends, List.of(new SvgCharts.Series("open + pending", "s-backlog", f.backlog()))),
                new Table(List.of("At (UTC)", "Open + pending"), backlogRows),
                "Open and pending conversations at the end of each " + (hourly ? "hour" : "day")
                        + ". A conversation counts from its creation until its latest resolution, so one resolved and reopened"
                        + " later counts as waiting in between."));

        List<SvgCharts.Bar> bars = new ArrayList<>();
        List<List<String>> agentRows = new ArrayList<>();
        for (Dashboard.AgentRate a : f.agents()) {
            String rate = String.format(Locale.ROOT, "%.2f", a.perHour());
            if (bars.size() < AGENT_BARS) {
                bars.add(new SvgCharts.Bar(a.name(), a.perHour(), rate + "/h"));
            }
            agentRows.add(List.of(a.name(), whole(a.replies()), rate));
        }
        charts.add(new Chart("agents", "Replies per hour per agent",
                SvgCharts.horizontalBars("Replies per hour per agent", "Replies per hour of the period", "replies per hour", "h-agent", bars),
                new Table(List.of("Agent", "Replies", "Per hour"), agentRows),
                f.agents().size() > AGENT_BARS ? "The " + AGENT_BARS + " busiest of " + f.agents().size() + " agents; all are in the table."
                        : "Outbound messages sent by each agent, over the hours of the period."));
        return charts;
    }

    private static Table overTime(String first, List<String> labels, List<Dashboard.Series> series) {
        List<String> head = new ArrayList<>();
        head.add(first + " (UTC)");
        series.forEach(s -> head.add(s.key()));
        head.add("Total");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            long total = 0;
            for (Dashboard.Series s : series) {
                row.add(whole(s.values()[i]));
                total += s.values()[i];
            }
            row.add(whole(total));
            rows.add(row);
        }
        return new Table(head, rows);
    }

    private static Table histogramTable(String what, List<String> bins, long[] counts) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            rows.add(List.of(bins.get(i), whole(counts[i])));
        }
        return new Table(List.of(what, "Conversations"), rows);
    }
}
