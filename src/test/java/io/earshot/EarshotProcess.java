package io.earshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Earshot in a JVM of its own, started as a user starts it (the application's main class with command-line
 * settings), so a test can kill it with SIGKILL, stop it with SIGTERM and read what it printed.
 */
public final class EarshotProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;

    private EarshotProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "earshot-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts Earshot on its own PostgreSQL in {@code dataDir} with these extra settings ({@code --name=value}). */
    public static EarshotProcess start(Path dataDir, String... settings) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = command();
        cmd.add("--server.port=" + port);
        cmd.add("--earshot.data-dir=" + dataDir);
        cmd.add("--earshot.database.binaries-dir=" + TestPostgres.BINARIES);
        cmd.add("--earshot.classify.detect-language=false");
        cmd.add("--logging.level.root=WARN");
        cmd.add("--logging.level.io.earshot=INFO");
        cmd.addAll(List.of(settings));
        return new EarshotProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start(), port);
    }

    /** {@code java -Xmx512m -cp <the test class path> io.earshot.EarshotApplication}, to add arguments to. */
    public static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.earshot.EarshotApplication");
        return cmd;
    }

    /** Waits until the application has started (true) or the process ended (false). */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.indexOf("Started EarshotApplication") >= 0) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Earshot did not start within " + timeout + ":\n" + output);
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Earshot did not end within " + timeout + ":\n" + output);
        }
        Thread.sleep(200); // the last lines
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String output() {
        return output.toString();
    }

    /** SIGKILL: no shutdown hooks, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a clean stop, as Ctrl-C or a service manager does it. */
    public int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
