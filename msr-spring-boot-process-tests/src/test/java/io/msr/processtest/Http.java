package io.msr.processtest;

import io.msr.test.PackagedJar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Asks a started replica over HTTP, as a probe or an operator would. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** Returns a port nothing listens on now, for a replica's server. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** GETs the URL once. */
    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the URL once the replica listens (60 s at most), failing with its output if it exits first. */
    static HttpResponse<String> waitForAnswer(String url, PackagedJar.Started started) throws Exception {
        Process process = started.process();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The app exited with " + process.exitValue() + ":\n" + started.output());
            }
            try {
                return get(url);
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("The app did not answer within 60 s:\n" + started.output());
    }

    /** GETs the URL until the answer satisfies the condition (15 s at most); returns the last answer. */
    static HttpResponse<String> until(String url, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> response = get(url);
        while (!condition.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(url);
        }
        return response;
    }
}
