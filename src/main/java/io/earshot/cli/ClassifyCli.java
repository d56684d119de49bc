package io.earshot.cli;

import io.earshot.classify.ClassifyCommand;
import io.earshot.classify.ClassifySettings;
import io.earshot.classify.SignalClassifier;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code classify [--languages=en,es,...] [--no-language]}: one text per line on stdin,
 * {@code sentiment<TAB>intent<TAB>language} per line on stdout, in order.
 */
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
        ClassifySettings settings = ClassifySettings.defaults();
        for (String a : args) {
            if (a.startsWith("--languages=")) {
                List<String> languages = Arrays.stream(a.substring("--languages=".length()).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                settings = settings.withLanguages(languages);
            } else if (a.equals("--no-language")) {
                settings = settings.withLanguageDetection(false);
            } else {
                err.println("classify: unknown option " + a);
                err.println("usage: java -jar earshot.jar classify [--languages=en,es,fr] [--no-language] < texts.txt");
                return 2;
            }
        }
        try {
            new ClassifyCommand(SignalClassifier.fromSettings(settings)).run(in, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("classify: " + e.getMessage());
            return 1;
        }
    }
}
