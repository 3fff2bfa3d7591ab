package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A baresip softphone (Debian package {@code baresip}, 1.0.0) registered to the test server as one extension: its
 * own configuration directory made from the templates in {@code slee-services/src/test/baresip}, its own SIP, RTP
 * and control ports, a WAV it plays as its microphone and a directory where it records what it hears. The test
 * drives it over {@code ctrl_tcp} (netstring JSON) and reads its events there; closing stops the process.
 */
final class BaresipPhone implements AutoCloseable {

    private static final Path TEMPLATES = Path.of("..", "slee-services", "src", "test", "baresip");
    private static final Duration CONTROL_CONNECT = Duration.ofSeconds(30);
    /** Each bound on stopping: the quit command (it unregisters first), SIGTERM, then SIGKILL. */
    private static final Duration STOP_STEP = Duration.ofSeconds(10);
    /** RTP ports for one phone: baresip picks an even one at random in its range and retries on a taken one. */
    private static final int RTP_RANGE = 20;

    private final String extension;
    private final Path directory;
    private final Process process;
    private final Socket control;
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonObject> responses = new LinkedBlockingQueue<>();
    /** Every event so far, in order, for checks that must not consume them and for failure messages. */
    private final List<JsonObject> history = new CopyOnWriteArrayList<>();

    private BaresipPhone(String extension, Path directory, Process process, Socket control) {
        this.extension = extension;
        this.directory = directory;
        this.process = process;
        this.control = control;
        Thread reader = new Thread(this::readControl, "baresip-" + extension + "-ctrl");
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails the test, saying how to install it, when there is no {@code baresip} on the PATH. */
    static void requireInstalled() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "baresip")).anyMatch(Files::isExecutable);
        if (!found) {
            fail("baresip is not installed (no baresip on the PATH): install the Debian package, "
                    + "apt-get install -y baresip-core, as .ci/run does");
        }
    }

    /**
     * Starts a phone for {@code extension@domain} in {@code directory} (created, holding config, accounts, log and
     * recordings) that registers through Parley at {@code 127.0.0.1:registrarPort} and plays {@code audioSource}.
     */
    static BaresipPhone start(Path directory, String extension, String password, String domain, int registrarPort,
                              Path audioSource) throws IOException {
        Files.createDirectories(directory);
        Path recordings = Files.createDirectories(directory.resolve("recordings"));
        int sipPort = freeSipPort();
        int rtpFirst = freeEvenPort();
        int controlPort = Sipp.freePort();
        write(directory.resolve("config"), fill(template("config"), Map.of(
                "SIP_PORT", String.valueOf(sipPort),
                "RTP_FIRST", String.valueOf(rtpFirst),
                "RTP_LAST", String.valueOf(rtpFirst + RTP_RANGE - 1),
                "AUDIO_SOURCE", audioSource.toAbsolutePath().toString(),
                "RECORDINGS", recordings.toAbsolutePath().toString(),
                "CTRL_PORT", String.valueOf(controlPort))));
        write(directory.resolve("accounts"), fill(template("accounts"), Map.of(
                "USER", extension,
                "DOMAIN", domain,
                "PASSWORD", password,
                "REGISTRAR_PORT", String.valueOf(registrarPort))));
        Process process;
        try {
            // -s: the SIP trace goes to the log, which a failure names.
            process = new ProcessBuilder("baresip", "-f", directory.toAbsolutePath().toString(), "-s")
                    .directory(directory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(directory.resolve("baresip.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("baresip could not be started (Debian package baresip)", e);
        }
        try {
            return new BaresipPhone(extension, directory, process, connect(process, controlPort, directory));
        } catch (RuntimeException | Error | IOException e) {
            stop(process);
            throw e;
        }
    }

    /** Waits until the phone's registration stands; fails on a refused one. */
    void awaitRegistered(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonObject> failure = seen("REGISTER_FAIL");
            if (failure.isPresent()) {
                fail(this + " was refused registration: " + failure.get() + logTail());
            }
            if (seen("REGISTER_OK").isPresent() || registrationStands()) {
                return;
            }
            pause(Duration.ofMillis(300));
        }
        fail(this + " did not register within " + timeout + logTail());
    }

    /**
     * The phone's own account of its registration, for when its REGISTER_OK came before the control connection:
     * {@code reginfo} prints each account with a coloured status, {@code OK} once the registrar said 200.
     */
    private boolean registrationStands() {
        String status = command("reginfo", null).getString("data", "").replaceAll("\u001B\\[[0-9;]*m", "");
        return status.contains(" OK ");
    }

    /** Calls a SIP URI; the phone answers the command at once, the call's progress comes as events. */
    void dial(String uri) {
        JsonObject response = command("dial", uri);
        if (!response.getBoolean("ok", false)) {
            fail(this + " refused to dial " + uri + ": " + response + logTail());
        }
    }

    void hangup() {
        command("hangup", null);
    }

    /** Waits for an event of the given type, such as {@code CALL_ESTABLISHED}, and returns it. */
    JsonObject awaitEvent(String type, Duration timeout) {
        return awaitEvent(type, event -> true, timeout);
    }

    /**
     * Keeps the call up for the given time, reading events meanwhile; fails as soon as the call closes early.
     */
    void stayInCall(Duration duration) {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            Optional<JsonObject> closed = seen("CALL_CLOSED");
            if (closed.isPresent()) {
                fail(this + " lost the call: " + closed.get() + logTail());
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Where this phone records (its {@code snd_path}); the files are complete once the phone has stopped. */
    Path recordings() {
        return directory.resolve("recordings");
    }

    /** Asks the phone to quit (it unregisters), then terminates it, then kills it; each step bounded. */
    @Override
    public void close() {
        try {
            sendCommand("quit", null);
        } catch (IOException alreadyGone) {
            // the process is ended below in any case
        }
        boolean ended = waitFor(process, STOP_STEP);
        try {
            control.close();
        } catch (IOException ignored) {
            // nothing more can be read from a phone that is going
        }
        if (!ended) {
            stop(process);
        }
    }

    @Override
    public String toString() {
        return "baresip " + extension + " (" + directory + ")";
    }

    /** The last lines of the phone's log (with its SIP trace), for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("baresip.log"), StandardCharsets.UTF_8);
            return "\n--- last lines of " + directory.resolve("baresip.log") + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))
                    + "\n--- events ---\n" + history.stream().map(JsonObject::toString)
                            .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    private JsonObject awaitEvent(String type, Predicate<JsonObject> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                fail(this + " saw no " + type + " within " + timeout + logTail());
            }
            JsonObject event;
            try {
                event = events.poll(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + type, e);
            }
            if (event != null && type.equals(event.getString("type", "")) && matching.test(event)) {
                return event;
            }
        }
    }

    private Optional<JsonObject> seen(String type) {
        return history.stream().filter(e -> type.equals(e.getString("type", ""))).findFirst();
    }

    private JsonObject command(String command, String params) {
        String token = UUID.randomUUID().toString();
        try {
            sendCommand(command, params, token);
        } catch (IOException e) {
            throw new AssertionError(this + " did not take the command " + command + logTail(), e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonObject response = responses.poll(200, TimeUnit.MILLISECONDS);
                if (response != null && token.equals(response.getString("token", ""))) {
                    return response;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + command, e);
            }
        }
        throw new AssertionError(this + " did not answer the command " + command + logTail());
    }

    private void sendCommand(String command, String params) throws IOException {
        sendCommand(command, params, null);
    }

    /** ctrl_tcp frames each JSON message as a netstring: {@code <length>:<bytes>,}. */
    private void sendCommand(String command, String params, String token) throws IOException {
        var json = Json.createObjectBuilder().add("command", command);
        if (params != null) {
            json.add("params", params);
        }
        if (token != null) {
            json.add("token", token);
        }
        byte[] body = json.build().toString().getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        synchronized (control) {
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        }
    }

    private void readControl() {
        try {
            InputStream in = new BufferedInputStream(control.getInputStream());
            while (true) {
                String message = readNetstring(in);
                if (message == null) {
                    return;
                }
                JsonObject json;
                try (JsonReader reader = Json.createReader(new StringReader(message))) {
                    json = reader.readObject();
                }
                if (json.getBoolean("response", false)) {
                    responses.add(json);
                } else {
                    history.add(json);
                    events.add(json);
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the phone stopped or the test closed the connection
        }
    }

    private static String readNetstring(InputStream in) throws IOException {
        int length = 0;
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c != ':') {
            if (c < '0' || c > '9') {
                throw new IOException("not a netstring length: " + (char) c);
            }
            length = length * 10 + (c - '0');
            c = in.read();
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length || in.read() != ',') {
            throw new IOException("truncated netstring");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Socket connect(Process process, int port, Path directory) throws IOException {
        Instant deadline = Instant.now().plus(CONTROL_CONNECT);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("baresip in " + directory + " exited at start (code " + process.exitValue() + "): "
                        + Files.readString(directory.resolve("baresip.log")));
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return socket;
            } catch (IOException notYet) {
                socket.close();
                last = notYet;
                pause(Duration.ofMillis(200));
            }
        }
        throw new IOException("baresip in " + directory + " opened no control port " + port + " within "
                + CONTROL_CONNECT, last);
    }

    private static void stop(Process process) {
        process.destroy();
        if (!waitFor(process, STOP_STEP)) {
            process.destroyForcibly();
            waitFor(process, STOP_STEP);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String template(String name) throws IOException {
        Path file = TEMPLATES.resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            fail("baresip template not found: " + file);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Replaces each {@code ${NAME}}; a placeholder left unfilled is a mistake in the template or here. */
    static String fill(String template, Map<String, String> values) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("${" + value.getKey() + "}", value.getValue());
        }
        List<String> unfilled = new ArrayList<>();
        for (String line : filled.split("\n")) {
            if (!line.startsWith("#") && line.contains("${")) {
                unfilled.add(line);
            }
        }
        if (!unfilled.isEmpty()) {
            throw new IllegalArgumentException("unfilled placeholders: " + unfilled);
        }
        return filled;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A SIP port free for UDP and TCP whose next port is free for TCP too: baresip listens for TLS there. */
    private static int freeSipPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = Sipp.freePort();
            if (port < 65535 && tcpFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free SIP port pair on 127.0.0.1");
    }

    /** An even port that is free for UDP together with the one above it: the start of an RTP range. */
    private static int freeEvenPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = Sipp.freePort() & ~1;
            if (port + RTP_RANGE <= 65535 && udpFree(port) && udpFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free RTP ports on 127.0.0.1");
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
