package io.earshot.cli;

import io.earshot.listening.Sensitivity;
import io.earshot.listening.SpikeSettings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code detect-spikes FILE.csv [--sensitivity=low|normal|high]}: reads a NAB-format series ({@code timestamp,value})
 * and prints {@code timestamp,value,alert} (alert 0 or 1) as the spike detector sees it, default settings unless
 * told, so that anyone can score it with NAB's own tools.
 */
public final class DetectSpikesCli {

    static final String USAGE = "usage: java -jar earshot.jar detect-spikes FILE.csv [--sensitivity=low|normal|high]";

    private final PrintStream out;
    private final PrintStream err;

    public DetectSpikesCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Path file = null;
        Sensitivity sensitivity = Sensitivity.NORMAL;
        for (String a : args) {
            if (a.startsWith("--sensitivity=")) {
                try {
                    sensitivity = Sensitivity.valueOf(a.substring("--sensitivity=".length()).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return usage("detect-spikes: sensitivity is low, normal or high");
                }
            } else if (a.startsWith("--") || file != null) {
                return usage("detect-spikes: unknown argument " + a);
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) {
            return usage("detect-spikes: which file?");
        }
        if (!Files.isReadable(file)) {
            return usage("detect-spikes: cannot read " + file);
        }
        try {
            NabSeries series = NabSeries.read(file);
            boolean[] alerts = SpikeRun.detector(SpikeSettings.defaults(Duration.ofMinutes(1)).withSensitivity(sensitivity))
                    .alerts(series);
            StringBuilder sb = new StringBuilder(series.values().length * 32);
            sb.append("timestamp,value,alert\n");
            for (int i = 0; i < alerts.length; i++) {
                sb.append(series.timestamps().get(i)).append(',').append(series.values()[i]).append(',')
                        .append(alerts[i] ? '1' : '0').append('\n');
            }
            out.print(sb);
            out.flush();
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("detect-spikes: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
