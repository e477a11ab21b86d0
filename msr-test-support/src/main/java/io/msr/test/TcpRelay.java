package io.msr.test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server that is not ready yet, made of a real one: a TCP relay on a port of its own, on 127.0.0.1,
 * that does not listen at first (connections are refused), then answers as the {@link Mode} says, and forwards to
 * the real server once told to. A client sees exactly what it would see from a starting server: a refused port, a
 * server that closes the connection, or a real {@code 57P03} ErrorResponse ("the database system is starting up").
 * Closing it stops listening and ends every relayed connection.
 */
public final class TcpRelay implements AutoCloseable {

    /** What the relay does with a connection once it listens. */
    public enum Mode {
        /** Accepts and closes at once, before the server's first byte. */
        CLOSE,
        /** Speaks the protocol up to the startup packet and answers FATAL 57P03, as a server in startup does. */
        STARTING_UP,
        /** Forwards both ways to the real server. */
        FORWARD
    }

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.CLOSE;
    private volatile ServerSocket server;

    /** Reserves a free port for a relay to {@code targetHost:targetPort}; nothing listens on it until {@link #listen}. */
    public TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the port clients connect to. */
    public int port() {
        return port;
    }

    /** Returns how many connections the relay has accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Changes what the relay does with connections accepted from now on. */
    public TcpRelay mode(Mode value) {
        this.mode = value;
        return this;
    }

    /** Starts listening on {@link #port()}, handling connections as {@code value} says. */
    public synchronized TcpRelay listen(Mode value) {
        mode = value;
        if (server != null) {
            return this;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            daemon("relay-accept-" + port, () -> accept(socket));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                connections.incrementAndGet();
                Mode now = mode;
                daemon("relay-" + port, () -> handle(client, now));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client, Mode now) {
        try {
            switch (now) {
                case CLOSE -> client.close();
                case STARTING_UP -> startingUp(client);
                case FORWARD -> forward(client);
            }
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void startingUp(Socket client) throws IOException {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.skipNBytes(length - 8L);
                if (code == SSL_REQUEST || code == GSS_REQUEST) {
                    out.write('N');
                    out.flush();
                    continue;
                }
                out.write(errorResponse("FATAL", "57P03", "the database system is starting up"));
                out.flush();
                return;
            }
        }
    }

    private static byte[] errorResponse(String severity, String sqlState, String message) {
        byte[] fields = ("S" + severity + "\0V" + severity + "\0C" + sqlState + "\0M" + message + "\0\0")
                .getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + fields.length).put((byte) 'E').putInt(4 + fields.length).put(fields)
                .array();
    }

    private void forward(Socket client) throws IOException {
        Socket upstream = new Socket(targetHost, targetPort);
        open.add(upstream);
        daemon("relay-up-" + port, () -> pump(client, upstream));
        pump(upstream, client);
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away: end both.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // Nothing left to do.
            }
        }
        open.forEach(TcpRelay::closeQuietly);
    }
}
