package io.earshot.platform.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shows the credentials made on a first start: once, on the process's console, in a box a person sees among the
 * start-up lines, and never through the log (log files and shippers keep what they are given). The log says only
 * that they were shown.
 */
@Component
public class FirstStartConsole {

    private static final Logger log = LoggerFactory.getLogger(FirstStartConsole.class);

    private final PrintStream console;

    public FirstStartConsole() {
        this(System.out);
    }

    FirstStartConsole(PrintStream console) {
        this.console = console;
    }

    /** One secret to show: what it is, the value, and how to choose one's own. */
    public record Shown(String what, String value, String instead) {
    }

    public void show(List<Shown> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("Earshot: first start. Keep these now; they are shown only this once and never logged.");
        for (Shown s : secrets) {
            lines.add("");
            lines.add(s.what());
            lines.add("    " + s.value());
            lines.add(s.instead());
        }
        console.print(box(lines));
        console.flush();
        log.info("First start: {} new credential(s) shown once on the console above (they are not logged)", secrets.size());
    }

    static String box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "+" + "-".repeat(width + 4) + "+\n";
        StringBuilder out = new StringBuilder("\n").append(rule);
        for (String line : lines) {
            out.append("|  ").append(line).append(" ".repeat(width - line.length())).append("  |\n");
        }
        return out.append(rule).append('\n').toString();
    }
}
