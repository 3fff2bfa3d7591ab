package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings open in sox (Debian package {@code sox}), finished or cut short; skipped where sox is not installed. */
class WavSoxIT {

    @TempDir
    Path dir;

    @Test
    void soxReadsFinishedAndInterruptedRecordings() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox is required: apt-get install sox (.ci/run does)");
        Path finished = dir.resolve("finished.wav");
        WavTest.Outcome outcome = new WavTest.Outcome();
        WavRecorder stereo = new WavRecorder(finished, 2, 50, Runnable::run, outcome);
        Path cut = dir.resolve("cut.wav");
        WavRecorder mono = new WavRecorder(cut, 1, 50, Runnable::run, new WavTest.Outcome());
        short[] silence = new short[160];
        short[] tone = new short[160];
        ToneGenerator beep = ToneGenerator.beep();
        for (int f = 0; f < 100; f++) {
            beep.fill(tone, 0, 160);
            stereo.write(silence, tone);
            mono.write(tone, null);
        }
        stereo.close();

        String info = sox("--i", finished.toString());
        assertTrue(info.contains("Channels       : 2"), info);
        assertTrue(info.contains("Sample Rate    : 8000"), info);
        assertTrue(info.contains("16-bit Signed Integer PCM"), info);
        assertTrue(info.contains("00:00:02.00"), info);
        assertEquals(0, Double.parseDouble(stat(finished, "1", "RMS     amplitude")), 1e-6);
        assertEquals(1000, Double.parseDouble(stat(finished, "2", "Rough   frequency")), 40);

        // Never closed: sox still reads what the last header covers.
        String cutInfo = sox("--i", cut.toString());
        assertTrue(cutInfo.contains("Channels       : 1"), cutInfo);
        assertEquals(1000, Double.parseDouble(stat(cut, "1", "Rough   frequency")), 40);
    }

    private String stat(Path file, String channel, String field) throws Exception {
        String out = sox(file.toString(), "-n", "remix", channel, "stat");
        Matcher m = Pattern.compile(Pattern.quote(field) + ":\\s+(-?[0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String sox(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(args[0].equals("--i") ? "/usr/bin/soxi" : "/usr/bin/sox");
        command.addAll(List.of(args).subList(args[0].equals("--i") ? 1 : 0, args.length));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
