package io.msr.processtest;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to the host by a veth pair of its own, so that a process started inside it
 * ({@link #launcher}) reaches the host only through that link, and the link can be cut for real: {@link #cut} drops
 * every packet between the two ends inside the namespace (blackhole policy-routing rules, both directions), which
 * leaves the host's side with half-open TCP sessions, exactly as a node that lost power or its network does.
 * {@link #heal} lets packets through again. Needs root and the {@code ip} tool; {@link #create} aborts the test
 * (skips it, with the reason) where namespaces cannot be made. Closing removes the namespace and both link ends.
 */
final class NetworkLink implements AutoCloseable {

    private final String namespace;
    private final String hostDevice;
    private final String namespaceDevice;
    private final String hostAddress;
    private final String namespaceAddress;

    private NetworkLink(String namespace, String hostDevice, String namespaceDevice, String hostAddress,
            String namespaceAddress) {
        this.namespace = namespace;
        this.hostDevice = hostDevice;
        this.namespaceDevice = namespaceDevice;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /** Makes the namespace and the link, with a /30 of 10.213.0.0/16 that no interface of the host uses yet. */
    static NetworkLink create() {
        if (!"root".equals(System.getProperty("user.name"))) {
            skip("network namespaces need root; running as " + System.getProperty("user.name"));
        }
        String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
        String addresses = run(false, "ip", "-o", "-4", "addr", "show");
        if (addresses == null) {
            skip("the ip tool (iproute2) is not available");
        }
        int third;
        int fourth;
        do {
            third = ThreadLocalRandom.current().nextInt(256);
            fourth = ThreadLocalRandom.current().nextInt(64) * 4;
        } while (addresses.contains(" 10.213." + third + "."));
        String prefix = "10.213." + third + ".";
        NetworkLink link = new NetworkLink("msr-vanish-" + suffix, "msrh" + suffix, "msrn" + suffix,
                prefix + (fourth + 1), prefix + (fourth + 2));
        if (run(false, "ip", "netns", "add", link.namespace) == null) {
            skip("could not create a network namespace (ip netns add failed)");
        }
        try {
            link.up();
        } catch (RuntimeException e) {
            link.close();
            skip("could not link a network namespace to the host: " + e.getMessage());
        }
        return link;
    }

    /** Skips the test, saying why in the build's output too (a skipped class shows no reason in the summary). */
    private static void skip(String reason) {
        System.out.println("Skipping the network partition tests: " + reason);
        Assumptions.abort(reason);
    }

    private void up() {
        run(true, "ip", "link", "add", hostDevice, "type", "veth", "peer", "name", namespaceDevice, "netns", namespace);
        run(true, "ip", "addr", "add", hostAddress + "/30", "dev", hostDevice);
        run(true, "ip", "link", "set", hostDevice, "up");
        run(true, "ip", "-n", namespace, "addr", "add", namespaceAddress + "/30", "dev", namespaceDevice);
        run(true, "ip", "-n", namespace, "link", "set", namespaceDevice, "up");
        run(true, "ip", "-n", namespace, "link", "set", "lo", "up");
    }

    /** The host's end of the link: a server listening here is reachable from the namespace. */
    String hostAddress() {
        return hostAddress;
    }

    /** The namespace's end: the client address the server sees. */
    String namespaceAddress() {
        return namespaceAddress;
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> launcher() {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** Drops every packet between the two ends from now on, without telling either side. */
    void cut() {
        run(true, "ip", "-n", namespace, "rule", "add", "prio", "100", "to", hostAddress, "blackhole");
        run(true, "ip", "-n", namespace, "rule", "add", "prio", "101", "from", hostAddress, "iif", namespaceDevice,
                "blackhole");
    }

    /** Lets packets through again; does nothing when the link is not cut. */
    void heal() {
        run(false, "ip", "-n", namespace, "rule", "del", "prio", "100");
        run(false, "ip", "-n", namespace, "rule", "del", "prio", "101");
    }

    /** Removes the namespace and the link (deleting either end deletes both). Never throws. */
    @Override
    public void close() {
        run(false, "ip", "link", "del", hostDevice);
        run(false, "ip", "netns", "del", namespace);
    }

    /** Runs a command; returns its output, or null when it failed and {@code required} is false. */
    private static String run(boolean required, String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() == 0) {
                return output;
            }
            if (required) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return null;
        } catch (IOException e) {
            if (required) {
                throw new UncheckedIOException(e);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
