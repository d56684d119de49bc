package io.earshot.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals channel accounts' secrets when Earshot runs its own PostgreSQL and no {@code EARSHOT_SECRET_KEY}
 * is set: generated once into {@code <data-dir>/secret.key} (owner-only, as {@code pg.password} is) and read at every
 * start after, so a new user can add a mailbox without choosing a key first. It is beside the data, so it protects a
 * copy of the database (a dump, a backup of {@code pg/}), not a copy of the whole data directory; production, with an
 * external PostgreSQL, sets {@code EARSHOT_SECRET_KEY} (every instance the same), and there no key is generated.
 */
final class OwnSecretKey {

    static final String FILE = "secret.key";

    private OwnSecretKey() {
    }

    /** The key in {@code dataDir}, made first if there is none. */
    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).strip();
                if (key.length() >= 32) {
                    return key;
                }
                throw new EmbeddedDatabaseException("The key in " + file + " is shorter than 32 characters.", "Put back the "
                        + "file Earshot made, or set EARSHOT_SECRET_KEY to the key its accounts were sealed with.", null);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            EmbeddedPostgres.writeOwnerOnly(file, key);
            return key;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("The key that seals channel accounts' secrets (" + file + ") cannot be read or "
                    + "made: " + e.getMessage(), DiskTrouble.advice(dataDir, e), e);
        }
    }
}
