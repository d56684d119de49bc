package io.earshot.platform.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Turns the usual reasons a directory cannot be written (full, read-only, not ours) into advice. */
public final class DiskTrouble {

    private DiskTrouble() {
    }

    /** Whether this text (an exception's, or PostgreSQL's log) says the disk is full. */
    static boolean isDiskFull(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return t.contains("no space left on device") || t.contains("disk full") || t.contains("enospc");
    }

    /** Whether this text says the file system is read-only or the directory is not writable by us. */
    static boolean isNotWritable(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return t.contains("read-only file system") || t.contains("permission denied") || t.contains("accessdenied")
                || t.contains("operation not permitted");
    }

    static String advice(Path dir, IOException e) {
        String text = e + (e instanceof FileSystemException f && f.getReason() != null ? " " + f.getReason() : "");
        if (isDiskFull(text)) {
            return full(dir);
        }
        if (e instanceof AccessDeniedException || isNotWritable(text)) {
            return notWritable(dir);
        }
        return "Check that " + dir.toAbsolutePath() + " is a directory Earshot can write to, on a disk with free space.";
    }

    static String full(Path dir) {
        return "The disk holding " + dir.toAbsolutePath() + " is full" + free(dir) + ". Free some space there, or start "
                + "Earshot with --earshot.data-dir on another disk; nothing already stored is lost.";
    }

    static String notWritable(Path dir) {
        return "Earshot cannot write to " + dir.toAbsolutePath() + " (read-only, or owned by another user). Make it "
                + "writable by the user running Earshot, or start Earshot with --earshot.data-dir pointing elsewhere.";
    }

    private static String free(Path dir) {
        try {
            Path existing = dir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return "";
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            return " (" + (free / (1024 * 1024)) + " MB free)";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
