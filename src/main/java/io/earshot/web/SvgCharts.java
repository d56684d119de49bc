package io.earshot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Small charts drawn on the server as SVG, so the desk needs no chart library and no script. Every piece of text
 * that goes into a chart (titles, labels, channel and agent names) is XML-escaped here, which is what makes it
 * safe for the template to insert the result unescaped. Colours come from CSS classes ({@code desk.css}); a chart
 * scales to its container through its {@code viewBox}.
 */
final class SvgCharts {

    static final int WIDTH = 560;
    private static final int PLOT_HEIGHT = 190;
    private static final int LEGEND_ROW = 18;
    private static final double CHAR = 6.4; // average width of a character of the 11px chart text, in viewBox units

    private SvgCharts() {
    }

    /** A stack of bars: a name (shown in the legend), a CSS class for its colour, and a value per bucket. */
    record Series(String name, String cssClass, long[] values) {
    }

    /** One bar of a horizontal bar chart: its label, its length, and the value as written next to it. */
    record Bar(String label, double value, String text) {
    }

    /**
     * Bars per bucket, the series stacked. {@code axisLabels} are written under the bars (as many as fit),
     * {@code labels} name each bucket in tooltips and the description.
     */
    static String stackedBars(String title, String xLabel, String yLabel, List<String> axisLabels, List<String> labels,
                              List<Series> series) {
        return columns(title, xLabel, yLabel, axisLabels, labels, series, false, java.util.Map.of());
    }

    /** Stacked bars with some buckets marked (a spike, say): a dashed line and a flag over each, the text its tooltip. */
    static String stackedBars(String title, String xLabel, String yLabel, List<String> axisLabels, List<String> labels,
                              List<Series> series, java.util.Map<Integer, String> marks) {
        return columns(title, xLabel, yLabel, axisLabels, labels, series, false, marks);
    }

    /** A histogram: one bar per bin, each with its count written above it. */
    static String histogram(String title, String xLabel, String yLabel, String seriesName, String cssClass, List<String> bins,
                            long[] counts) {
        return columns(title, xLabel, yLabel, bins, bins, List.of(new Series(seriesName, cssClass, counts)), true, java.util.Map.of());
    }

    /** Horizontal bars, one per row, longest scale first as given; {@code seriesName} names the bars in the legend. */
    static String horizontalBars(String title, String xLabel, String seriesName, String cssClass, List<Bar> bars) {
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.value());
        }
        if (bars.isEmpty() || max <= 0) {
            return empty(title);
        }
        int left = 150;
        int right = WIDTH - 56;
        int top = 10 + LEGEND_ROW + 8;
        int row = 24;
        int plotBottom = top + bars.size() * row;
        int height = plotBottom + 44;
        double[] scale = scale(max, false);
        double niceMax = scale[0];
        double step = scale[1];
        Bar busiest = bars.get(0);
        for (Bar b : bars) {
            if (b.value() > busiest.value()) {
                busiest = b;
            }
        }
        StringBuilder svg = open(title, title + ": " + bars.size() + " rows; highest " + busiest.label() + " at " + busiest.text(), height);
        legend(svg, List.of(new Series(seriesName, cssClass, new long[0])), 10);
        for (double t = 0; t <= niceMax + step / 2; t += step) {
            double x = left + t / niceMax * (right - left);
            svg.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(plotBottom).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(plotBottom + 14)
                    .append("\" text-anchor=\"middle\">").append(esc(number(t))).append("</text>");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * row + 4;
            double w = Math.max(b.value() > 0 ? 1 : 0, b.value() / niceMax * (right - left));
            svg.append("<text class=\"label\" x=\"").append(left - 8).append("\" y=\"").append(num(y + (row - 8) / 2.0))
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(esc(shorten(b.label(), 22))).append("</text>");
            svg.append("<rect class=\"bar ").append(css(cssClass)).append("\" x=\"").append(left).append("\" y=\"").append(num(y))
                    .append("\" width=\"").append(num(w)).append("\" height=\"").append(row - 8).append("\"><title>")
                    .append(esc(b.label() + ": " + b.text())).append("</title></rect>");
            svg.append("<text class=\"value\" x=\"").append(num(left + w + 5)).append("\" y=\"").append(num(y + (row - 8) / 2.0))
                    .append("\" dominant-baseline=\"middle\">").append(esc(b.text())).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(plotBottom).append("\"/>");
        svg.append("<text class=\"axis-label\" x=\"").append((left + right) / 2).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
        return svg.append("</svg>").toString();
    }

    /** The chart shown when there is nothing to draw. */
    static String empty(String title) {
        return open(title, title + ": no data in this period", 120)
                + "<text class=\"empty-note\" x=\"" + WIDTH / 2 + "\" y=\"64\" text-anchor=\"middle\">No data in this period</text></svg>";
    }

    private static String columns(String title, String xLabel, String yLabel, List<String> axisLabels, List<String> labels,
                                  List<Series> series, boolean valuesOnTop, java.util.Map<Integer, String> marks) {
        int n = labels.size();
        long[] totals = new long[n];
        long sum = 0;
        for (Series s : series) {
            for (int i = 0; i < n && i < s.values().length; i++) {
                totals[i] += s.values()[i];
                sum += s.values()[i];
            }
        }
        long max = 0;
        int highest = 0;
        for (int i = 0; i < n; i++) {
            if (totals[i] > max) {
                max = totals[i];
                highest = i;
            }
        }
        if (n == 0 || series.isEmpty() || (max <= 0 && marks.isEmpty())) {
            return empty(title);
        }
        max = Math.max(max, 1);
        int left = 52;
        int right = WIDTH - 12;
        int legendRows = legendLayout(series, left, right, new ArrayList<>());
        int top = 10 + legendRows * LEGEND_ROW + (valuesOnTop ? 18 : 8);
        int bottom = top + PLOT_HEIGHT;
        int height = bottom + 44;
        double[] scale = scale(max, true);
        double niceMax = scale[0];
        double step = scale[1];
        String description = title + ": " + String.format(Locale.ROOT, "%,d", sum) + " in all over " + n
                + (n == 1 ? " bar" : " bars") + "; highest " + String.format(Locale.ROOT, "%,d", max) + " at " + labels.get(highest);
        StringBuilder svg = open(title, description, height);
        legend(svg, series, 10);
        for (double t = 0; t <= niceMax + step / 2; t += step) {
            double y = bottom - t / niceMax * PLOT_HEIGHT;
            svg.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(right).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(left - 6).append("\" y=\"").append(num(y))
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(esc(number(t))).append("</text>");
        }
        double slot = (double) (right - left) / n;
        double barWidth = Math.max(1, slot * (n > 40 ? 0.8 : 0.66));
        for (int i = 0; i < n; i++) {
            double x = left + i * slot + (slot - barWidth) / 2;
            double base = bottom;
            for (Series s : series) {
                long v = i < s.values().length ? s.values()[i] : 0;
                if (v <= 0) {
                    continue;
                }
                double h = v / niceMax * PLOT_HEIGHT;
                base -= h;
                svg.append("<rect class=\"bar ").append(css(s.cssClass())).append("\" x=\"").append(num(x)).append("\" y=\"")
                        .append(num(base)).append("\" width=\"").append(num(barWidth)).append("\" height=\"").append(num(h))
                        .append("\"><title>").append(esc(labels.get(i) + " · " + s.name() + ": " + v)).append("</title></rect>");
            }
            if (valuesOnTop && totals[i] > 0) {
                svg.append("<text class=\"value\" x=\"").append(num(x + barWidth / 2)).append("\" y=\"").append(num(base - 5))
                        .append("\" text-anchor=\"middle\">").append(esc(String.format(Locale.ROOT, "%,d", totals[i]))).append("</text>");
            }
        }
        for (java.util.Map.Entry<Integer, String> m : new java.util.TreeMap<>(marks).entrySet()) {
            if (m.getKey() < 0 || m.getKey() >= n) {
                continue;
            }
            double cx = left + m.getKey() * slot + slot / 2;
            svg.append("<g class=\"mark\"><title>").append(esc(m.getValue())).append("</title><line class=\"mark-line\" x1=\"")
                    .append(num(cx)).append("\" x2=\"").append(num(cx)).append("\" y1=\"").append(top).append("\" y2=\"").append(bottom)
                    .append("\"/><path class=\"mark-flag\" d=\"M").append(num(cx - 6)).append(' ').append(top - 8).append(" L")
                    .append(num(cx + 6)).append(' ').append(top - 8).append(" L").append(num(cx)).append(' ').append(top)
                    .append(" Z\"/></g>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(right).append("\" y1=\"").append(bottom)
                .append("\" y2=\"").append(bottom).append("\"/>");
        int widest = 1;
        for (String l : axisLabels) {
            widest = Math.max(widest, l.length());
        }
        int every = Math.max(1, (int) Math.ceil((widest * CHAR + 10) / slot));
        for (int i = 0; i < n && i < axisLabels.size(); i += every) {
            svg.append("<text class=\"tick\" x=\"").append(num(left + i * slot + slot / 2)).append("\" y=\"").append(bottom + 15)
                    .append("\" text-anchor=\"middle\">").append(esc(axisLabels.get(i))).append("</text>");
        }
        svg.append("<text class=\"axis-label\" x=\"").append((left + right) / 2).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
        svg.append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").append(-(top + bottom) / 2).append("\" y=\"14\" ")
                .append("text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, String description, int height) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" aria-label=\"").append(esc(description)).append("\"><title>")
                .append(esc(title)).append("</title><desc>").append(esc(description)).append("</desc>");
    }

    /** Places the legend entries left to right, wrapping; returns the number of rows and fills in each entry's x. */
    private static int legendLayout(List<Series> series, int left, int right, List<Double> xs) {
        double x = left;
        int rows = 1;
        for (Series s : series) {
            double w = 12 + 6 + Math.min(s.name().length(), 28) * CHAR + 16;
            if (x + w > right && x > left) {
                rows++;
                x = left;
            }
            xs.add(x);
            x += w;
        }
        return rows;
    }

    private static void legend(StringBuilder svg, List<Series> series, int top) {
        List<Double> xs = new ArrayList<>();
        legendLayout(series, 52, WIDTH - 12, xs);
        svg.append("<g class=\"legend\">");
        int row = 0;
        for (int i = 0; i < series.size(); i++) {
            if (i > 0 && xs.get(i) < xs.get(i - 1)) {
                row++;
            }
            double x = xs.get(i);
            double y = top + row * LEGEND_ROW;
            svg.append("<rect class=\"swatch ").append(css(series.get(i).cssClass())).append("\" x=\"").append(num(x)).append("\" y=\"")
                    .append(num(y)).append("\" width=\"12\" height=\"12\" rx=\"2\"/>");
            svg.append("<text x=\"").append(num(x + 18)).append("\" y=\"").append(num(y + 6)).append("\" dominant-baseline=\"middle\">")
                    .append(esc(shorten(series.get(i).name(), 28))).append("</text>");
        }
        svg.append("</g>");
    }

    /** A round maximum at or above {@code max} and a step that cuts it into about four. */
    static double[] scale(double max, boolean whole) {
        double raw = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
        if (whole) {
            step = Math.max(1, Math.ceil(step));
        }
        return new double[] {Math.ceil(max / step - 1e-9) * step, step};
    }

    /** XML-escapes text for an element or a quoted attribute, dropping the control characters XML does not allow. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(invalidInXml(c) ? ' ' : c));
        return HtmlUtils.htmlEscape(clean.toString(), "UTF-8");
    }

    private static boolean invalidInXml(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF;
    }

    /** Keeps CSS class names to letters, digits and dashes (they come from code, but never trust a string twice). */
    private static String css(String cssClass) {
        return cssClass == null ? "" : cssClass.replaceAll("[^A-Za-z0-9_-]", "");
    }

    private static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
