package io.earshot.web;

import io.earshot.reporting.Dashboard;
import io.earshot.reporting.Summary;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's figures as one tidy CSV table ({@code metric,bucket,key,value}, RFC 4180, CRLF line ends).
 * {@code bucket} is the start of the bucket (an ISO-8601 instant) for figures over time and empty otherwise.
 * Agent names are user text: fields are quoted when needed, and a field a spreadsheet would take for a formula
 * (one starting with {@code = + - @}, their full-width forms {@code ＝ ＋ － ＠}, a tab or a carriage return) is prefixed
 * with a single quote.
 */
final class ReportCsv {

    static final String HEADER = "metric,bucket,key,value";
    /** What a spreadsheet may take as the start of a formula: ASCII and full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
    private static final String FORMULA_START = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private ReportCsv() {
    }

    static String write(Dashboard.Figures f) {
        StringBuilder out = new StringBuilder(8192);
        line(out, HEADER.split(","));
        Summary s = f.summary();
        row(out, "period", "", "from", f.from().toString());
        row(out, "period", "", "to", f.to().toString());
        row(out, "period", "", "bucket", f.bucket().toString());
        row(out, "summary", "", "conversations", s.conversations());
        row(out, "summary", "", "inbound_messages", s.inbound());
        row(out, "summary", "", "replies", s.replies());
        row(out, "summary", "", "replies_per_hour", s.repliesPerHour());
        row(out, "summary", "", "first_response_median_seconds", s.firstResponse().median());
        row(out, "summary", "", "first_response_p90_seconds", s.firstResponse().p90());
        row(out, "summary", "", "first_response_measured", s.firstResponse().count());
        row(out, "summary", "", "resolution_median_seconds", s.resolution().median());
        row(out, "summary", "", "resolution_p90_seconds", s.resolution().p90());
        row(out, "summary", "", "resolution_measured", s.resolution().count());
        row(out, "summary", "", "commitments_made", s.commitments().made());
        row(out, "summary", "", "commitments_kept", s.commitments().kept());
        row(out, "summary", "", "commitments_broken", s.commitments().broken());
        row(out, "summary", "", "commitments_open", s.commitments().open());
        row(out, "summary", "", "commitments_kept_rate", s.commitments().keptRate());
        row(out, "summary", "", "silent_conversations", s.silentConversations());
        row(out, "summary", "", "csat_responses", s.csat().responses());
        row(out, "summary", "", "csat_average", s.csat().average());
        overTime(out, "volume_by_channel", f, f.byChannel());
        overTime(out, "volume_by_sentiment", f, f.bySentiment());
        for (int i = 0; i < Dashboard.BINS.size(); i++) {
            row(out, "first_response_time", "", Dashboard.BINS.get(i).label(), f.firstResponse()[i]);
        }
        for (int i = 0; i < Dashboard.BINS.size(); i++) {
            row(out, "resolution_time", "", Dashboard.BINS.get(i).label(), f.resolution()[i]);
        }
        for (int i = 0; i < f.buckets().size(); i++) {
            row(out, "backlog_at_bucket_end", f.buckets().get(i).toString(), "open_and_pending", f.backlog()[i]);
        }
        for (Dashboard.AgentRate a : f.agents()) {
            row(out, "replies", "", a.name(), a.replies());
            row(out, "replies_per_hour", "", a.name(), a.perHour());
        }
        return out.toString();
    }

    private static void overTime(StringBuilder out, String metric, Dashboard.Figures f, List<Dashboard.Series> series) {
        for (int i = 0; i < f.buckets().size(); i++) {
            for (Dashboard.Series s : series) {
                row(out, metric, f.buckets().get(i).toString(), s.key(), s.values()[i]);
            }
        }
    }

    private static void row(StringBuilder out, String metric, String bucket, String key, Object value) {
        line(out, metric, bucket, key, value == null ? "" : value instanceof Double d ? number(d) : value.toString());
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields[i]));
        }
        out.append("\r\n");
    }

    /** One field: guarded against formula injection, then quoted (quotes doubled) when it holds a comma, quote or line break. */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        if (FORMULA_START.indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            // ';' too: spreadsheets set to ';' as separator would split there and read the rest as a formula
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
