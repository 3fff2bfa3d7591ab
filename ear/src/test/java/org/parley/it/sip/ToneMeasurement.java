package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sox measures in a recorded WAV, after skipping its first second (call set-up, jitter-buffer fill):
 * the dominant frequency, the peak of the spectrum summed over every window {@code stat -freq} prints (the bins are
 * 8000 / 2048 ≈ 3.9 Hz wide at 8 kHz); sox's zero-crossing "Rough frequency", for the report; the RMS amplitude
 * (full scale 1.0); and the length measured.
 *
 * @param dominantHz centre of the strongest frequency bin
 * @param roughHz    sox's zero-crossing estimate
 * @param rms        RMS amplitude, 0 for silence, about 0.5 for the full-scale sine sox synthesises
 * @param seconds    length measured, after the skipped second
 */
record ToneMeasurement(double dominantHz, double roughHz, double rms, double seconds) {

    private static final Pattern SPECTRUM_LINE = Pattern.compile("^\\s*(\\d+\\.\\d+)\\s+(\\d+\\.\\d+)\\s*$");
    private static final Pattern SUMMARY_LINE = Pattern.compile("^([^:]+):\\s+(-?[0-9.]+)\\s*$");

    /** Makes a mono 16-bit 8 kHz sine WAV, the phones' microphone. */
    static Path sine(Path file, int hertz, int seconds) throws IOException {
        run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", file.toString(), "synth", String.valueOf(seconds),
                "sine", String.valueOf(hertz));
        return file;
    }

    static ToneMeasurement of(Path wav) throws IOException {
        String output = run("sox", wav.toString(), "-n", "trim", "1", "stat", "-freq");
        Map<Double, Double> spectrum = new TreeMap<>();
        Map<String, Double> summary = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher bin = SPECTRUM_LINE.matcher(line);
            Matcher value = SUMMARY_LINE.matcher(line);
            if (bin.matches()) {
                spectrum.merge(Double.parseDouble(bin.group(1)), Double.parseDouble(bin.group(2)), Double::sum);
            } else if (value.matches()) {
                summary.put(value.group(1).replaceAll("\\s+", " ").strip(), Double.parseDouble(value.group(2)));
            }
        }
        if (spectrum.isEmpty() || !summary.containsKey("RMS amplitude")) {
            fail("sox measured nothing in " + wav + ":\n" + output);
        }
        double dominant = spectrum.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new ToneMeasurement(dominant, summary.getOrDefault("Rough frequency", Double.NaN),
                summary.get("RMS amplitude"), summary.getOrDefault("Length (seconds)", 0.0));
    }

    /** Runs sox with its output in a file, so the wait for it stays bounded whatever it prints. */
    private static String run(String... command) throws IOException {
        Path output = Files.createTempFile("sox", ".out");
        try {
            Process sox;
            try {
                sox = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("sox must be installed (Debian package sox) to run this test", e);
            }
            try {
                if (!sox.waitFor(60, TimeUnit.SECONDS)) {
                    sox.destroyForcibly();
                    fail("sox did not finish: " + String.join(" ", command));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for sox", e);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, sox.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
