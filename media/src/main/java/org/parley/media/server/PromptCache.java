package org.parley.media.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;

import org.parley.media.pipeline.WavReader;

/**
 * Prompts decoded once and shared by every call that plays them (the same greeting, the same music on hold). A file
 * changed on disk is reloaded. Read on the I/O executor only.
 */
final class PromptCache {

    private record Entry(FileTime modified, short[] audio) {
    }

    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    short[] load(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        FileTime modified = Files.getLastModifiedTime(key);
        Entry e = entries.get(key);
        if (e == null || !e.modified().equals(modified)) {
            e = new Entry(modified, WavReader.read(key));
            entries.put(key, e);
        }
        return e.audio();
    }
}
