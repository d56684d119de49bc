package io.earshot.classify;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

/**
 * Command-line classification: reads one text per line (UTF-8) and writes one line per input,
 * {@code sentiment<TAB>intent<TAB>language}, in input order. Lines are classified in batches on all cores
 * (the common fork-join pool) and written through a buffer, so large files stream at full speed.
 */
public final class ClassifyCommand {
    private static final int BATCH = 4096;

    private final SignalClassifier classifier;

    public ClassifyCommand(SignalClassifier classifier) {
        this.classifier = classifier;
    }

    /** Classifies every line of {@code in} to {@code out}; returns the number of lines. Does not close either. */
    public long run(InputStream in, PrintStream out) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            String[] lines = new String[BATCH];
            String[] results = new String[BATCH];
            long total = 0;
            while (true) {
                int n = 0;
                String line;
                while (n < BATCH && (line = reader.readLine()) != null) {
                    lines[n++] = line;
                }
                if (n == 0) {
                    break;
                }
                IntStream.range(0, n).parallel().forEach(i -> results[i] = format(classifier.classify(lines[i])));
                for (int i = 0; i < n; i++) {
                    writer.write(results[i]);
                    writer.write('\n');
                }
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
            writer.flush();
            out.flush();
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Signals s) {
        return s.sentiment().label() + '\t' + s.intent().wireName() + '\t' + s.language();
    }
}
