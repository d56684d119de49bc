package io.earshot.channels.internal.chat;

import io.earshot.platform.EarshotException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The sites a chat account may be embedded in: exact origins ({@code https://shop.example.com}, a port when it is
 * not the scheme's default), no wildcards, no paths. Compared as a browser writes {@code location.origin}.
 */
record AllowedOrigins(Set<String> origins) {

    static final String SETTING = "allowedOrigins";

    AllowedOrigins {
        origins = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(origins));
    }

    /** The comma-separated origins of the setting; refuses one that is not an exact origin, naming it. */
    static AllowedOrigins parse(String setting) {
        Set<String> found = new LinkedHashSet<>();
        for (String part : (setting == null ? "" : setting).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            found.add(canonical(part.strip()).orElseThrow(() -> EarshotException.invalid("settings." + SETTING,
                    "'" + part.strip() + "' is not an exact origin: write scheme://host[:port], like https://shop.example.com, "
                            + "with no path, no wildcard")));
        }
        if (found.isEmpty()) {
            throw EarshotException.invalid("settings." + SETTING, SETTING + " needs at least one origin, like https://shop.example.com");
        }
        return new AllowedOrigins(new LinkedHashSet<>(found));
    }

    /** Whether {@code origin} (as a browser sends it) is one of these, exactly. */
    boolean allows(String origin) {
        return origin != null && canonical(origin).filter(origins::contains).isPresent();
    }

    /** {@code origin} as a browser writes it (lower case, no default port), or empty when it is not an exact origin. */
    static Optional<String> canonical(String origin) {
        if (origin.length() > 300 || origin.contains("*")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plain = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !plain || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return String.join(" ", origins);
    }
}
