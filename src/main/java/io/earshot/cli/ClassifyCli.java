package io.earshot.cli;

import io.earshot.classify.SignalClassifier;
import io.earshot.classify.Signals;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code classify}: one text per line on stdin, {@code sentiment<TAB>intent<TAB>language} per line on stdout. */
public final class ClassifyCli {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ClassifyCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        SignalClassifier classifier = new SignalClassifier();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                Signals s = classifier.classify(line);
                writer.write(s.sentiment().label());
                writer.write('\t');
                writer.write(s.intent().wireName());
                writer.write('\t');
                writer.write(s.language());
                writer.write('\n');
            }
        } catch (IOException e) {
            err.println("classify: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
