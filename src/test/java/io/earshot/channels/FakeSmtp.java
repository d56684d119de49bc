package io.earshot.channels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * An SMTP server (RFC 5321, the commands a client sends for one mail) that answers RCPT TO with the reply line a test
 * chooses per session (the first session is 1): a real server's 451 or 550 as Angus Mail meets it. A session whose RCPT
 * was accepted takes the mail and records it.
 */
final class FakeSmtp implements AutoCloseable {

    private final ServerSocket socket;
    private final IntFunction<String> rcptAnswer;
    private final Thread thread;
    private int sessions;
    final List<String> rcptAnswers = new CopyOnWriteArrayList<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();

    FakeSmtp(IntFunction<String> rcptAnswer) throws IOException {
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.rcptAnswer = rcptAnswer;
        this.thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                session(s, ++sessions);
            } catch (IOException e) {
                // closed, or the client went away: take the next session
            }
        }
    }

    private void session(Socket s, int n) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        say(out, "220 fake.smtp.test ESMTP");
        boolean rcptTaken = false;
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
            switch (command) {
                case "EHLO" -> say(out, "250-fake.smtp.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                case "HELO" -> say(out, "250 fake.smtp.test");
                case "AUTH" -> say(out, "235 2.7.0 Authentication successful");
                case "MAIL", "RSET", "NOOP" -> say(out, "250 2.0.0 OK");
                case "RCPT" -> {
                    String answer = line.toLowerCase(java.util.Locale.ROOT).contains("@desk.example") ? "250 2.1.5 OK" : rcptAnswer.apply(n);
                    if (!answer.startsWith("250")) {
                        rcptAnswers.add(answer);
                    } else {
                        rcptTaken = true;
                    }
                    say(out, answer);
                }
                case "DATA" -> {
                    say(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder mail = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        mail.append(line).append("\r\n");
                    }
                    if (rcptTaken) {
                        accepted.add(mail.toString());
                    }
                    say(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    say(out, "221 2.0.0 Bye");
                    return;
                }
                default -> say(out, "502 5.5.2 Command not recognized");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
