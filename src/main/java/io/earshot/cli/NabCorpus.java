package io.earshot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NAB-like folder: {@code data/} with the series (CSV, in sub-folders or not), {@code labels/combined_windows.json}
 * and {@code labels/combined_labels.json} keyed by the series' path under data/, and {@code profiles.json}.
 */
public record NabCorpus(List<NabSeries> series, List<NabScore.Profile> profiles) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static NabCorpus load(Path dir) {
        Path data = dir.resolve("data");
        JsonNode windows = json(dir.resolve("labels").resolve("combined_windows.json"));
        Path labelsFile = dir.resolve("labels").resolve("combined_labels.json");
        JsonNode labels = Files.isReadable(labelsFile) ? json(labelsFile) : JSON.createObjectNode();
        List<NabSeries> series = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : windows.properties()) {
            Path file = data.resolve(e.getKey());
            if (!Files.isReadable(file)) {
                file = data.resolve(Path.of(e.getKey()).getFileName().toString());
            }
            if (!Files.isReadable(file)) {
                continue;
            }
            List<Instant[]> limits = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                limits.add(new Instant[] {NabSeries.parseTime(w.get(0).asString()), NabSeries.parseTime(w.get(1).asString())});
            }
            List<Instant> anomalies = new ArrayList<>();
            JsonNode l = labels.get(e.getKey());
            if (l != null) {
                l.forEach(t -> anomalies.add(NabSeries.parseTime(t.asString())));
            }
            series.add(NabSeries.read(file).labelled(limits, anomalies));
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series of " + dir.resolve("labels/combined_windows.json") + " under " + data);
        }
        return new NabCorpus(List.copyOf(series), profiles(dir.resolve("profiles.json")));
    }

    private static List<NabScore.Profile> profiles(Path file) {
        if (!Files.isReadable(file)) {
            return List.of(NabScore.Profile.STANDARD, NabScore.Profile.REWARD_LOW_FP, NabScore.Profile.REWARD_LOW_FN);
        }
        List<NabScore.Profile> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : json(file).properties()) {
            JsonNode m = e.getValue().get("CostMatrix");
            out.add(new NabScore.Profile(e.getKey(), m.get("tpWeight").asDouble(), m.get("fpWeight").asDouble(),
                    m.get("fnWeight").asDouble()));
        }
        return List.copyOf(out);
    }

    private static JsonNode json(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return JSON.readTree(String.join("\n", lines.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
