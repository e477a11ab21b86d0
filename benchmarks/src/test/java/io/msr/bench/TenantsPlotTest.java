package io.msr.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantsPlotTest {

    @TempDir
    Path dir;

    @Test
    void drawsMinAndMedianPerToolInTheOrderOfTheSamples() throws Exception {
        Path samples = Files.writeString(dir.resolve("tenants.tsv"), """
                psql loop\t20.5
                Flyway loop\t95.0
                MSR p=1\t31.0
                psql loop\t18.25
                Flyway loop\t90.0
                MSR p=1\t29.0
                psql loop\t19.0
                Flyway loop\t99.0
                MSR p=1\t33.0
                """);
        Path out = dir.resolve("plots/tenants-wall-time.svg");

        TenantsPlot.main(new String[] {samples.toString(), "Apply 200 schemas x 20 migrations", out.toString()});

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertThat(texts).contains("Apply 200 schemas x 20 migrations", "min", "median");
        assertThat(texts).containsSubsequence("psql loop", "Flyway loop", "MSR p=1");
        // min then median per tool: psql 18.25 and 19.0, Flyway 90 and 95, MSR 29 and 31
        assertThat(texts).containsSubsequence("18.3", "90", "29", "19", "95", "31");
    }
}
