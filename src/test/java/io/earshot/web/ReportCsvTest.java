package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportCsvTest {

    @Test
    void fieldsAreQuotedAsRfc4180Says() {
        assertThat(ReportCsv.field("plain")).isEqualTo("plain");
        assertThat(ReportCsv.field("")).isEmpty();
        assertThat(ReportCsv.field("Dana, lead")).isEqualTo("\"Dana, lead\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ReportCsv.field("Dana;=1+1")).isEqualTo("\"Dana;=1+1\"");
    }

    @Test
    void formulasAreDefused() {
        assertThat(ReportCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportCsv.field("+1")).isEqualTo("'+1");
        assertThat(ReportCsv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(ReportCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportCsv.field("\tcmd")).isEqualTo("'\tcmd");
        assertThat(ReportCsv.field("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(ReportCsv.field("\uFF1DHYPERLINK(1)")).isEqualTo("'\uFF1DHYPERLINK(1)");
        assertThat(ReportCsv.field("\uFF0B1")).isEqualTo("'\uFF0B1");
        assertThat(ReportCsv.field("\uFF0D1")).isEqualTo("'\uFF0D1");
        assertThat(ReportCsv.field("\uFF20SUM(A1)")).isEqualTo("'\uFF20SUM(A1)");
        assertThat(ReportCsv.field("Dana \uFF1D lead")).isEqualTo("Dana \uFF1D lead");
        assertThat(ReportCsv.field("2026-05-01T00:00:00Z")).isEqualTo("2026-05-01T00:00:00Z");
    }
}
