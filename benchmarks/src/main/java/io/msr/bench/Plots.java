package io.msr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws benchmarks/run.sh's samples as SVG charts: {@code Plots <apply-samples> <job-samples> <out-dir>
 * [<single-schema-samples>]}. Each samples file has one line per run, tab-separated: {@code tool migrations seconds}
 * for applying migrations to an empty database, {@code job seconds} for the migrate Job with nothing pending,
 * {@code what seconds} for the single-schema runs in one warm JVM; tools keep their first-seen order. Writes
 * {@code apply-wall-time.svg} (min and median per tool at the largest size), {@code apply-scaling.svg} (the
 * median against the number of migrations), {@code job-wall-time.svg} and {@code single-schema-wall-time.svg}, each
 * only when its samples file exists (a run may measure only some sections). Medians are the lower median, as
 * run.sh's tables give them.
 */
public final class Plots {

    private Plots() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[2]));
        if (Files.exists(Path.of(args[0]))) {
            applyCharts(Path.of(args[0]), out);
        }
        if (Files.exists(Path.of(args[1]))) {
            Map<String, List<Double>> jobs = byName(Path.of(args[1]));
            write(out.resolve("job-wall-time.svg"), SvgChart.bars("Migrate Job with nothing pending",
                    "Spring Boot jar, JVM start to exit", "wall time (s)", new ArrayList<>(jobs.keySet()),
                    minAndMedian(jobs)));
        }
        if (args.length > 3 && Files.exists(Path.of(args[3]))) {
            Map<String, List<Double>> single = byName(Path.of(args[3]));
            write(out.resolve("single-schema-wall-time.svg"), SvgChart.bars("One schema, in one warm JVM",
                    "run (JVM start-up not in the time)", "wall time (s)", new ArrayList<>(single.keySet()),
                    minAndMedian(single)));
        }
    }

    private static Map<String, List<Double>> byName(Path file) throws IOException {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String[] fields : read(file)) {
            samples.computeIfAbsent(fields[0], name -> new ArrayList<>()).add(Double.parseDouble(fields[1]));
        }
        return samples;
    }

    private static void applyCharts(Path file, Path out) throws IOException {
        Map<String, Map<Integer, List<Double>>> apply = new LinkedHashMap<>();
        for (String[] fields : read(file)) {
            apply.computeIfAbsent(fields[0], tool -> new LinkedHashMap<>())
                    .computeIfAbsent(Integer.parseInt(fields[1]), size -> new ArrayList<>())
                    .add(Double.parseDouble(fields[2]));
        }
        List<Integer> sizes = apply.values().stream().flatMap(samples -> samples.keySet().stream()).distinct()
                .sorted().toList();
        int largest = sizes.get(sizes.size() - 1);
        Map<String, List<Double>> atLargest = new LinkedHashMap<>();
        apply.forEach((tool, samples) -> atLargest.put(tool, samples.getOrDefault(largest, List.of())));
        write(out.resolve("apply-wall-time.svg"), SvgChart.bars("Apply " + largest + " migrations to an empty database",
                "tool", "wall time, JVM start included (s)", new ArrayList<>(atLargest.keySet()), minAndMedian(atLargest)));
        double[] xs = sizes.stream().mapToDouble(Integer::doubleValue).toArray();
        List<SvgChart.Series> lines = new ArrayList<>();
        apply.forEach((tool, samples) -> lines.add(new SvgChart.Series(tool,
                sizes.stream().mapToDouble(size -> median(samples.getOrDefault(size, List.of()))).toArray())));
        write(out.resolve("apply-scaling.svg"), SvgChart.lines("Cost against the number of migrations (median)",
                "migrations applied to an empty database", "wall time, JVM start included (s)", xs, lines));
    }

    private static List<SvgChart.Series> minAndMedian(Map<String, List<Double>> samples) {
        return List.of(new SvgChart.Series("min", samples.values().stream().mapToDouble(Plots::min).toArray()),
                new SvgChart.Series("median", samples.values().stream().mapToDouble(Plots::median).toArray()));
    }

    static double min(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The lower median (the middle of an odd count), NaN without samples. */
    static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = samples.stream().sorted().toList();
        return sorted.get((sorted.size() + 1) / 2 - 1);
    }

    private static List<String[]> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                .map(line -> line.split("\t")).toList();
    }

    private static void write(Path file, String svg) throws IOException {
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }
}
