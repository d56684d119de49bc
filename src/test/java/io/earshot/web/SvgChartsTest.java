package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartsTest {

    @Test
    void anAgentNamedLikeATagIsWrittenAsText() throws Exception {
        String svg = SvgCharts.horizontalBars("Replies per hour per agent", "Replies per hour", "replies per hour", "h-agent",
                List.of(new SvgCharts.Bar("<script>", 2.5, "2.50/h"), new SvgCharts.Bar("Tom & \"Jerry\" 'o'", 1, "1.00/h")));
        assertThat(svg).contains("&lt;script&gt;").doesNotContain("<script").contains("Tom &amp; &quot;Jerry&quot; &#39;o&#39;");
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(doc.getElementsByTagName("rect").getLength()).as("two bars and a legend swatch").isEqualTo(3);
        assertThat(doc.getDocumentElement().getTextContent()).contains("<script>");
    }

    @Test
    void stackedBarsHaveALegendAxesAndOneRectPerNonZeroValue() throws Exception {
        String svg = SvgCharts.stackedBars("Inbound messages by channel", "Day (UTC)", "Messages", List.of("1 May", "2 May", "3 May"),
                List.of("2026-05-01", "2026-05-02", "2026-05-03"),
                List.of(new SvgCharts.Series("twitter", "c0", new long[] {3, 0, 5}), new SvgCharts.Series("<b>email</b>", "c1", new long[] {1, 2, 0})));
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).as("4 bars and 2 swatches").isEqualTo(6);
        assertThat(doc.getDocumentElement().getAttribute("aria-label")).startsWith("Inbound messages by channel").contains("11 in all");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Inbound messages by channel");
        assertThat(svg).contains("&lt;b&gt;email&lt;/b&gt;").contains("Day (UTC)").contains("Messages").contains("1 May");
    }

    @Test
    void aHistogramWritesItsCounts() throws Exception {
        String svg = SvgCharts.histogram("Time to first response", "Time to first response", "Conversations", "conversations", "h-first",
                List.of("<15m", "15-60m", ">3d"), new long[] {12, 0, 1234});
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(3);
        assertThat(svg).contains("&lt;15m").contains("&gt;3d").contains("1,234");
    }

    @Test
    void emptyDataDrawsAnEmptyState() throws Exception {
        for (String svg : List.of(
                SvgCharts.stackedBars("Backlog", "Day", "Conversations", List.of(), List.of(), List.of()),
                SvgCharts.stackedBars("Backlog", "Day", "Conversations", List.of("1 May"), List.of("2026-05-01"),
                        List.of(new SvgCharts.Series("open", "c0", new long[] {0}))),
                SvgCharts.histogram("Resolution", "Time", "Conversations", "conversations", "h", List.of("<15m"), new long[] {0}),
                SvgCharts.horizontalBars("Agents", "Replies per hour", "replies", "h", List.of()))) {
            Document doc = parse(svg);
            assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
            assertThat(doc.getDocumentElement().getAttribute("aria-label")).endsWith("no data in this period");
            assertThat(doc.getElementsByTagName("rect").getLength()).isZero();
            assertThat(svg).contains("No data in this period");
        }
    }

    @Test
    void controlCharactersAreDroppedAndLongNamesShortened() throws Exception {
        String name = "An\u0000agent with a very long name indeed, longer than the gutter";
        String svg = SvgCharts.horizontalBars("Agents", "Replies per hour", "replies", "h-agent", List.of(new SvgCharts.Bar(name, 1, "1/h")));
        Document doc = parse(svg);
        assertThat(svg).doesNotContain("\u0000").contains("…");
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(2);
    }

    @Test
    void smallRatesGetDistinctTicksAndNamesKeepTheirLetters() throws Exception {
        String svg = SvgCharts.horizontalBars("Agents", "Replies per hour", "replies", "h-agent",
                List.of(new SvgCharts.Bar("Zoë Ångström", 0.02, "0.02/h")));
        parse(svg);
        assertThat(svg).contains(">0.005<").contains(">0.015<").contains("Zoë Ångström");
    }

    @Test
    void scalesAreRound() {
        assertThat(SvgCharts.scale(7, true)).containsExactly(8, 2);
        assertThat(SvgCharts.scale(1, true)).containsExactly(1, 1);
        assertThat(SvgCharts.scale(1234, true)).containsExactly(1500, 500);
        assertThat(SvgCharts.scale(0.9, false)[0]).isGreaterThanOrEqualTo(0.9);
    }

    /** The chart must be well-formed XML on its own (HTML entities beyond XML's five would fail here). */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
