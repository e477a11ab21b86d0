package io.msr.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTest {

    @TempDir
    Path dir;

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> series(Document svg) {
        List<Element> found = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if ("series".equals(group.getAttribute("class"))) {
                found.add(group);
            }
        }
        return found;
    }

    private static String texts(Document svg) {
        StringBuilder all = new StringBuilder();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('|');
        }
        return all.toString();
    }

    @Test
    void drawsOneLinePerToolWithAPointPerSizeAsWellFormedSvg() throws Exception {
        String text = SvgChart.lines("Cost <by> size", "migrations", "wall time (s)", new double[] {100, 500, 1000},
                List.of(new SvgChart.Series("psql", new double[] {0.7, 3.1, 6.3}),
                        new SvgChart.Series("Flyway", new double[] {3.2, 9.9, 17.1}),
                        new SvgChart.Series("MSR", new double[] {1.9, 4.8, 8.6})));

        Document svg = parse(text);
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(series(svg)).extracting(group -> group.getAttribute("data-series"))
                .containsExactly("psql", "Flyway", "MSR");
        for (Element group : series(svg)) {
            assertThat(group.getElementsByTagName("polyline").getLength()).isEqualTo(1);
            assertThat(group.getElementsByTagName("circle").getLength()).isEqualTo(3);
        }
        assertThat(texts(svg)).contains("Cost <by> size|").contains("migrations|").contains("wall time (s)|")
                .contains("psql|").contains("Flyway|").contains("MSR|").contains("|1000|").contains("|20|");
        assertThat(text).doesNotContain("<script").doesNotContain("href").doesNotContain("@font-face");
    }

    @Test
    void drawsMinAndMedianBarsPerToolSkippingMissingValues() throws Exception {
        Document svg = parse(SvgChart.bars("Apply 1000 migrations", "tool", "wall time (s)",
                List.of("psql", "Flyway", "MSR"), List.of(new SvgChart.Series("min", new double[] {4.0, 13.76, 8.14}),
                        new SvgChart.Series("median", new double[] {6.32, 17.12, Double.NaN}))));

        List<Element> series = series(svg);
        assertThat(series).extracting(group -> group.getAttribute("data-series")).containsExactly("min", "median");
        assertThat(series.get(0).getElementsByTagName("rect").getLength()).isEqualTo(3);
        assertThat(series.get(1).getElementsByTagName("rect").getLength()).isEqualTo(2);
        assertThat(texts(svg)).contains("|13.8|").contains("|17.1|").contains("|psql|");
    }

    @Test
    void plotsTheSamplesOfARunIntoThreeCharts() throws Exception {
        Path apply = Files.writeString(dir.resolve("apply.tsv"), """
                psql\t100\t0.7
                Flyway\t100\t3.3
                MSR\t100\t1.9
                psql\t1000\t6.3
                Flyway\t1000\t17.1
                MSR\t1000\t8.6
                MSR\t1000\t8.2
                MSR\t1000\t9.0
                """);
        Path jobs = Files.writeString(dir.resolve("jobs.tsv"), "bare Boot app\t2.4\nMSR\t2.8\n");

        Plots.main(new String[] {apply.toString(), jobs.toString(), dir.resolve("plots").toString()});

        Document scaling = parse(Files.readString(dir.resolve("plots/apply-scaling.svg")));
        assertThat(series(scaling)).extracting(group -> group.getAttribute("data-series"))
                .containsExactly("psql", "Flyway", "MSR");
        assertThat(texts(parse(Files.readString(dir.resolve("plots/apply-wall-time.svg")))))
                .contains("Apply 1000 migrations to an empty database").contains("|8.60|").contains("|8.20|");
        assertThat(series(parse(Files.readString(dir.resolve("plots/job-wall-time.svg"))))).hasSize(2);
    }

    @Test
    void plotsOnlyTheSectionsARunMeasured() throws Exception {
        Path single = Files.writeString(dir.resolve("single.tsv"), "psql, 1000 migrations\t5.1\nMSR, 1000 migrations"
                + "\t5.4\nMSR, 1000 migrations\t5.3\n");

        Plots.main(new String[] {dir.resolve("none.tsv").toString(), dir.resolve("none.tsv").toString(),
            dir.resolve("plots").toString(), single.toString()});

        assertThat(dir.resolve("plots/apply-wall-time.svg")).doesNotExist();
        assertThat(dir.resolve("plots/job-wall-time.svg")).doesNotExist();
        assertThat(texts(parse(Files.readString(dir.resolve("plots/single-schema-wall-time.svg")))))
                .contains("One schema, in one warm JVM").contains("|5.30|");
    }

    @Test
    void roundsTheAxisUpToANiceNumber() {
        assertThat(SvgChart.niceCeiling(17.12)).isEqualTo(20);
        assertThat(SvgChart.niceCeiling(0.87)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(2.3)).isEqualTo(2.5);
        assertThat(SvgChart.niceCeiling(1000)).isEqualTo(1000);
    }
}
