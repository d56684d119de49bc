package io.earshot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code replay FILE [--speed 60x | --max] [--batch N] [--no-sort] [--spring.property=value ...]}.
 *
 * @param speed how many times faster than real time events are replayed; 0 for as fast as possible
 */
record ReplayArguments(Path file, double speed, int batch, boolean sort, java.time.Duration timerStep, List<String> springArgs,
                       List<String[]> topics) {

    static final String USAGE = "usage: java -jar earshot.jar replay FILE [--speed 60x | --max] [--batch 5000] [--no-sort] [--timer-step 15m] "
            + "[--topic NAME=QUERY ...] [--earshot.data-dir=DIR ...]\n"
            + "  FILE     NDJSON in the API's message shape, or the Customer Support on Twitter CSV (optionally .gz)\n"
            + "  --speed  replay at N times real time (event time), e.g. 60x; --max (default) as fast as it goes\n"
            + "  --batch  messages per transaction (default 5000: larger batches store faster, measured +25% over 1000 on H2)\n"
            + "  --no-sort  keep a CSV in file order instead of sorting it by created_at\n"
            + "  --timer-step  the most event time one transaction spans (default 15m), so timers (reminders, breaches)\n"
            + "             fire at most that late in event time; 0 lets batches span any time (fastest)\n"
            + "  --topic  listen for a topic from the first event on (repeatable), e.g. --topic 'Player=player (froze OR stuck)':\n"
            + "           its series are stored and its spikes alerted as the events pass";

    static ReplayArguments parse(String[] args) {
        Path file = null;
        double speed = 0;
        int batch = 5000;
        boolean sort = true;
        java.time.Duration timerStep = java.time.Duration.ofMinutes(15);
        List<String> spring = new ArrayList<>();
        List<String[]> topics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--max")) {
                speed = 0;
            } else if (a.equals("--speed") || a.startsWith("--speed=")) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : next(args, ++i, "--speed");
                speed = parseSpeed(v);
            } else if (a.equals("--batch") || a.startsWith("--batch=")) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : next(args, ++i, "--batch");
                try {
                    batch = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--batch takes a whole number, not '" + v + "'");
                }
                if (batch < 1 || batch > 100_000) {
                    throw new IllegalArgumentException("--batch must be between 1 and 100000");
                }
            } else if (a.equals("--timer-step") || a.startsWith("--timer-step=")) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : next(args, ++i, "--timer-step");
                try {
                    timerStep = v.equals("0") ? java.time.Duration.ZERO : org.springframework.boot.convert.DurationStyle.detectAndParse(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--timer-step takes a duration such as 15m or 1h, not '" + v + "'");
                }
                if (timerStep.isNegative()) {
                    throw new IllegalArgumentException("--timer-step must not be negative");
                }
            } else if (a.equals("--topic") || a.startsWith("--topic=")) {
                String v = a.startsWith("--topic=") ? a.substring("--topic=".length()) : next(args, ++i, "--topic");
                int eq = v.indexOf('=');
                if (eq <= 0 || eq == v.length() - 1) {
                    throw new IllegalArgumentException("--topic takes NAME=QUERY, e.g. 'Player=player (froze OR stuck)', not '" + v + "'");
                }
                topics.add(new String[] {v.substring(0, eq).strip(), v.substring(eq + 1).strip()});
            } else if (a.equals("--no-sort")) {
                sort = false;
            } else if (a.startsWith("--") && a.contains("=")) {
                spring.add(a);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (file == null) {
                file = Path.of(a);
            } else {
                throw new IllegalArgumentException("one file at a time; also got " + a);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("which file? " + USAGE.substring("usage: ".length()));
        }
        return new ReplayArguments(file, speed, batch, sort, timerStep, List.copyOf(spring), List.copyOf(topics));
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static double parseSpeed(String v) {
        String n = v.endsWith("x") || v.endsWith("X") ? v.substring(0, v.length() - 1) : v;
        try {
            double d = Double.parseDouble(n);
            if (d <= 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed takes a factor such as 60x, not '" + v + "'");
        }
    }
}
