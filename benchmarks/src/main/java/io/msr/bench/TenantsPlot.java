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
 * Draws benchmarks/run-tenants.sh's samples as one SVG bar chart, min and median per tool:
 * {@code TenantsPlot <samples> <title> <out.svg>}. The samples file has one line per run, tab-separated:
 * {@code tool seconds}; tools keep their first-seen order.
 */
public final class TenantsPlot {

    private TenantsPlot() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t");
                samples.computeIfAbsent(fields[0], tool -> new ArrayList<>()).add(Double.parseDouble(fields[1]));
            }
        }
        List<SvgChart.Series> series = List.of(
                new SvgChart.Series("min", samples.values().stream().mapToDouble(Plots::min).toArray()),
                new SvgChart.Series("median", samples.values().stream().mapToDouble(Plots::median).toArray()));
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, SvgChart.bars(args[1], "tool", "wall time (s)", new ArrayList<>(samples.keySet()),
                series), StandardCharsets.UTF_8);
    }
}
