package io.earshot.channels;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test TCP proxy in front of a mail server that can misbehave once: cut the next connection after some bytes
 * from the server (a connection dropped mid-fetch), or withhold the server's answer to the end of the next DATA
 * (the server accepted the mail, the client never hears it and times out). It counts what the servers sent.
 */
public final class TcpProxy implements AutoCloseable {

    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int target;
    private final AtomicLong cutNextAfter = new AtomicLong(-1);
    private final AtomicBoolean withholdNext = new AtomicBoolean();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong fromServer = new AtomicLong();

    public TcpProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "tcp-proxy-" + target);
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public long connections() {
        return connections.get();
    }

    /** The bytes the server sent through the proxy, on all connections. */
    public long fromServer() {
        return fromServer.get();
    }

    public void cutNextConnectionAfter(long serverBytes) {
        cutNextAfter.set(serverBytes);
    }

    void withholdNextDataReply() {
        withholdNext.set(true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                connections.incrementAndGet();
                long cut = cutNextAfter.getAndSet(-1);
                boolean withhold = withholdNext.getAndSet(false);
                AtomicBoolean withholding = new AtomicBoolean();
                pump(client, upstream, -1, withhold ? withholding : null, null, null);
                pump(upstream, client, cut, null, withholding, fromServer);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies {@code from} to {@code to}; may watch for the end of DATA, drop what the server says, cut, or count. */
    private static void pump(Socket from, Socket to, long cutAfter, AtomicBoolean watchData, AtomicBoolean drop,
                             AtomicLong counted) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            byte[] tail = new byte[0];
            long total = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (watchData != null) {
                        byte[] seen = new byte[tail.length + n];
                        System.arraycopy(tail, 0, seen, 0, tail.length);
                        System.arraycopy(buf, 0, seen, tail.length, n);
                        if (indexOf(seen, END_OF_DATA) >= 0) {
                            watchData.set(true); // before the server can answer it
                        }
                        tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - 4), seen.length);
                    }
                    total += n;
                    if (counted != null) {
                        counted.addAndGet(n);
                    }
                    if (cutAfter >= 0 && total > cutAfter) {
                        break;
                    }
                    if (drop != null && drop.get()) {
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
