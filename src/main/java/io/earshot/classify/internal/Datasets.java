package io.earshot.classify.internal;

import io.earshot.classify.Sentiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the shared training and evaluation data sets (which are never copied into the repository).
 * Sentiment labels are indices into {@link #SENTIMENT_LABELS}.
 */
public final class Datasets {
    public static final String[] SENTIMENT_LABELS = {"negative", "neutral", "positive"};
    static final String[] COMPLAINT_LABELS = {"other", "complaint"};

    record Labelled(List<String> texts, int[] labels) {
        int size() {
            return texts.size();
        }
    }

    private Datasets() {
    }

    /** {@code semeval4a/train.tsv}: label TAB text. */
    static Labelled semevalTrain(Path datasets) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : lines(datasets.resolve("semeval4a/train.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            int label = sentimentIndex(line.substring(0, tab));
            if (label >= 0) {
                texts.add(line.substring(tab + 1));
                labels.add(label);
            }
        }
        return new Labelled(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** TweetEval sentiment validation split (0 negative, 1 neutral, 2 positive). */
    static Labelled tweetEvalValidation(Path datasets) {
        List<String> texts = lines(datasets.resolve("tweeteval/sentiment/val_text.txt"));
        List<String> labels = lines(datasets.resolve("tweeteval/sentiment/val_labels.txt"));
        if (texts.size() != labels.size()) {
            throw new IllegalStateException("TweetEval val texts and labels differ in length");
        }
        return new Labelled(texts, labels.stream().mapToInt(s -> Integer.parseInt(s.trim())).toArray());
    }

    /**
     * TweetEval emotion <em>train</em> split relabelled as sentiment: anger and sadness negative, joy and
     * optimism positive. Distant labels, no neutral class.
     */
    static Labelled emotionAsSentiment(Path datasets) {
        List<String> texts = lines(datasets.resolve("tweeteval/emotion/train_text.txt"));
        List<String> labels = lines(datasets.resolve("tweeteval/emotion/train_labels.txt"));
        int[] mapped = new int[texts.size()];
        for (int i = 0; i < mapped.length; i++) {
            int e = Integer.parseInt(labels.get(i).trim());
            mapped[i] = e == 0 || e == 3 ? 0 : 2;
        }
        return new Labelled(texts, mapped);
    }

    /** {@code complaints/complaints-data.csv}: tweet_id,text,label,domain without header; label 1 = complaint. */
    static Labelled complaints(Path datasets) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String all = read(datasets.resolve("complaints/complaints-data.csv"));
        for (List<String> row : parseCsv(all)) {
            if (row.size() < 3) {
                continue;
            }
            String label = row.get(2).trim();
            if (label.equals("0") || label.equals("1")) {
                texts.add(row.get(1));
                labels.add(Integer.parseInt(label));
            }
        }
        return new Labelled(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    static int sentimentIndex(String label) {
        for (int i = 0; i < SENTIMENT_LABELS.length; i++) {
            if (SENTIMENT_LABELS[i].equals(label.trim())) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    public static boolean present(Path datasets) {
        return Files.isRegularFile(datasets.resolve("semeval4a/train.tsv"))
                && Files.isRegularFile(datasets.resolve("tweeteval/sentiment/val_text.txt"))
                && Files.isRegularFile(datasets.resolve("complaints/complaints-data.csv"));
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
