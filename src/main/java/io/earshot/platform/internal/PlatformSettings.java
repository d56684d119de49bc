package io.earshot.platform.internal;

import io.earshot.platform.EarshotClock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature.
 *
 * @param dataDir    where the embedded database and other files live
 * @param clock      {@code system}, {@code manual} or {@code event-time}
 * @param adminToken    bootstrap admin token (normally from the environment variable EARSHOT_ADMIN_TOKEN)
 * @param adminPassword bootstrap admin's sign-in password (EARSHOT_ADMIN_PASSWORD); generated and printed once if unset
 * @param loginAttempts failed sign-ins in a row after which an agent is locked out
 * @param loginLockout  how long the lock lasts
 * @param loginAddressAttempts failed sign-ins from one client address, on any accounts, after which that address may
 *                      not try again until its window ends (against guessing one password on many accounts)
 * @param loginAddressWindow the window those failures are counted in, from an address's first failure
 */
@ConfigurationProperties("earshot")
public record PlatformSettings(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("system") String clock,
        String adminToken,
        String adminPassword,
        @DefaultValue("5") int loginAttempts,
        @DefaultValue("15m") java.time.Duration loginLockout,
        @DefaultValue("20") int loginAddressAttempts,
        @DefaultValue("15m") java.time.Duration loginAddressWindow) {

    EarshotClock.Mode clockMode() {
        switch (clock == null ? "system" : clock.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "system":
                return EarshotClock.Mode.SYSTEM;
            case "manual":
                return EarshotClock.Mode.MANUAL;
            case "event-time":
            case "event_time":
                return EarshotClock.Mode.EVENT_TIME;
            default:
                throw new IllegalArgumentException("earshot.clock must be system, manual or event-time, not '" + clock + "'");
        }
    }
}
