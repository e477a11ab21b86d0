package io.msr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the benchmark's numbers as plain SVG that GitHub shows inline in markdown: no script, no external font or
 * image, a white background (readable in dark mode too), axes with labels and units, and a legend. Pure: each
 * method returns the SVG text.
 */
final class SvgChart {

    /** One named line or bar colour: {@code values[i]} belongs to the i-th category or x value; NaN is missing. */
    record Series(String name, double[] values) {
    }

    // Okabe-Ito colours, told apart with colour blindness too.
    private static final String[] COLOURS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private SvgChart() {
    }

    /**
     * Returns a grouped bar chart: one group per category along x, one bar per series in each group, its value
     * written above it.
     */
    static String bars(String title, String xLabel, String yLabel, List<String> categories, List<Series> series) {
        Frame frame = new Frame(max(series));
        StringBuilder svg = open(title, xLabel, yLabel, frame);
        double groupWidth = frame.plotWidth() / categories.size();
        double barWidth = groupWidth * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double groupLeft = LEFT + c * groupWidth + groupWidth * 0.1;
            text(svg, groupLeft + groupWidth * 0.4, TOP + frame.plotHeight() + 18, "middle", 12, categories.get(c));
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            svg.append("<g class=\"series\" data-series=\"").append(escape(one.name())).append("\" fill=\"")
                    .append(colour(s)).append("\">\n");
            for (int c = 0; c < categories.size(); c++) {
                double value = one.values()[c];
                if (Double.isNaN(value)) {
                    continue;
                }
                double x = LEFT + c * groupWidth + groupWidth * 0.1 + s * barWidth;
                double y = frame.y(value);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                        + "<title>%s, %s: %s %s</title></rect>%n", x, y, barWidth - 2, TOP + frame.plotHeight() - y,
                        escape(one.name()), escape(categories.get(c)), number(value), escape(unit(yLabel))));
                text(svg, x + (barWidth - 2) / 2, y - 4, "middle", 10, number(value));
            }
            svg.append("</g>\n");
        }
        legend(svg, series, false);
        return svg.append("</svg>\n").toString();
    }

    /** Returns a line chart: one line with points per series over the numeric x values, both axes from zero. */
    static String lines(String title, String xLabel, String yLabel, double[] xs, List<Series> series) {
        Frame frame = new Frame(max(series));
        StringBuilder svg = open(title, xLabel, yLabel, frame);
        double xMax = niceCeiling(xs[xs.length - 1]);
        for (double tick : ticks(xMax)) {
            double x = LEFT + tick / xMax * frame.plotWidth();
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
                    x, TOP + frame.plotHeight(), x, TOP + frame.plotHeight() + 5));
            text(svg, x, TOP + frame.plotHeight() + 18, "middle", 11, number(tick));
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            List<String> points = new ArrayList<>();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                double value = one.values()[i];
                if (Double.isNaN(value)) {
                    continue;
                }
                double x = LEFT + xs[i] / xMax * frame.plotWidth();
                double y = frame.y(value);
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>%s, %s: %s %s"
                        + "</title></circle>%n", x, y, escape(one.name()), number(xs[i]), number(value),
                        escape(unit(yLabel))));
            }
            svg.append("<g class=\"series\" data-series=\"").append(escape(one.name())).append("\" fill=\"")
                    .append(colour(s)).append("\" stroke=\"").append(colour(s)).append("\">\n")
                    .append("<polyline fill=\"none\" stroke-width=\"2.5\" points=\"")
                    .append(String.join(" ", points)).append("\"/>\n").append(dots).append("</g>\n");
        }
        legend(svg, series, true);
        return svg.append("</svg>\n").toString();
    }

    /** The y scale: from zero to a round number above the largest value. */
    private record Frame(double yMax) {

        Frame(double yMax) {
            this.yMax = niceCeiling(yMax);
        }

        double plotWidth() {
            return WIDTH - LEFT - RIGHT;
        }

        int plotHeight() {
            return HEIGHT - TOP - BOTTOM;
        }

        double y(double value) {
            return TOP + plotHeight() - value / yMax * plotHeight();
        }
    }

    private static StringBuilder open(String title, String xLabel, String yLabel, Frame frame) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" role=\"img\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", WIDTH, HEIGHT));
        text(svg, WIDTH / 2.0 - (RIGHT - LEFT) / 2.0, 28, "middle", 16, title);
        for (double tick : ticks(frame.yMax())) {
            double y = frame.y(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    LEFT, y, LEFT + frame.plotWidth(), y, tick == 0 ? "#333" : "#ddd"));
            text(svg, LEFT - 6, y + 4, "end", 11, number(tick));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
                TOP, LEFT, TOP + frame.plotHeight()));
        text(svg, LEFT + frame.plotWidth() / 2, HEIGHT - 15, "middle", 13, xLabel);
        double middle = TOP + frame.plotHeight() / 2.0;
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\""
                + " transform=\"rotate(-90 18 %.1f)\">%s</text>%n", middle, middle, escape(yLabel)));
        return svg;
    }

    private static void legend(StringBuilder svg, List<Series> series, boolean lines) {
        int x = WIDTH - RIGHT + 20;
        svg.append("<g class=\"legend\">\n");
        for (int s = 0; s < series.size(); s++) {
            int y = TOP + 10 + s * 22;
            if (lines) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                        + " stroke-width=\"2.5\"/>%n", x, y, x + 18, y, colour(s)));
            } else {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>%n",
                        x, y - 7, colour(s)));
            }
            text(svg, x + 24, y + 4, "start", 12, series.get(s).name());
        }
        svg.append("</g>\n");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(text)));
    }

    private static double max(List<Series> series) {
        double max = 0;
        for (Series one : series) {
            for (double value : one.values()) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        return max;
    }

    /** Returns 1, 2, 2.5 or 5 times a power of ten at or above the value (1 for zero). */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Five intervals from zero to the (nice) maximum. */
    private static double[] ticks(double max) {
        double[] ticks = new double[6];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = max * i / 5;
        }
        return ticks;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }

    /** The unit in a label's trailing parentheses, "s" of "wall time (s)"; empty without one. */
    private static String unit(String label) {
        int open = label.lastIndexOf('(');
        return open < 0 || !label.endsWith(")") ? "" : label.substring(open + 1, label.length() - 1);
    }

    private static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
