package io.msr.test;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket factory for the PostgreSQL driver ({@code socketFactory=io.msr.test.CountingSocketFactory} in the URL) that
 * counts the statements its connections send, by reading the frontend protocol as it goes out: each simple query
 * ({@code Q}) and each extended-protocol execute ({@code E}). What the driver sends on its own (a
 * {@code SHOW TRANSACTION ISOLATION LEVEL}, say) counts too, which a JDBC proxy would miss. It also counts round
 * trips: each time the driver waits for the server after sending (its first read after a write), however many
 * messages it pipelined before. The counts are shared by every connection it made: read them around one
 * measurement at a time.
 */
public final class CountingSocketFactory extends SocketFactory {

    private static final AtomicInteger STATEMENTS = new AtomicInteger();
    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    /** Returns the statements sent so far, by every connection. */
    public static int statements() {
        return STATEMENTS.get();
    }

    /** Returns the round trips made so far, by every connection. */
    public static int roundTrips() {
        return ROUND_TRIPS.get();
    }

    /** Called by the driver. */
    public CountingSocketFactory() {
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            private final AtomicBoolean sent = new AtomicBoolean();
            private OutputStream counting;
            private InputStream waiting;

            @Override
            public synchronized OutputStream getOutputStream() throws IOException {
                if (counting == null) {
                    counting = new Counting(super.getOutputStream(), sent);
                }
                return counting;
            }

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (waiting == null) {
                    waiting = new FilterInputStream(super.getInputStream()) {
                        @Override
                        public int read() throws IOException {
                            roundTrip();
                            return super.read();
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            roundTrip();
                            return super.read(b, off, len);
                        }

                        private void roundTrip() {
                            if (sent.getAndSet(false)) {
                                ROUND_TRIPS.incrementAndGet();
                            }
                        }
                    };
                }
                return waiting;
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }

    /** Follows the message framing: untyped messages until the startup message, then a type byte and a length. */
    private static final class Counting extends FilterOutputStream {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;

        private boolean started;
        private final byte[] header = new byte[8];
        private int headerRead;
        private long bodyLeft;
        private final AtomicBoolean sent;

        Counting(OutputStream out, AtomicBoolean sent) {
            super(out);
            this.sent = sent;
        }

        @Override
        public void write(int b) throws IOException {
            sent.set(true);
            see((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sent.set(len > 0 || sent.get());
            for (int i = off; i < off + len; i++) {
                see(b[i]);
            }
            out.write(b, off, len);
        }

        private void see(byte b) {
            if (bodyLeft > 0) {
                bodyLeft--;
                return;
            }
            header[headerRead++] = b;
            int headerSize = started ? 5 : 8;
            if (headerRead < headerSize) {
                return;
            }
            headerRead = 0;
            if (started) {
                if (header[0] == 'Q' || header[0] == 'E') {
                    STATEMENTS.incrementAndGet();
                }
                bodyLeft = readInt(1) - 4;
            } else {
                int length = readInt(0);
                int code = readInt(4);
                bodyLeft = length - 8;
                started = code != SSL_REQUEST && code != GSS_REQUEST;
            }
        }

        private int readInt(int at) {
            return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8
                    | header[at + 3] & 0xff;
        }
    }
}
