package io.earshot.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmarks' database arguments: Earshot's own PostgreSQL by default, or an external one given by URL. */
final class BenchDatabase {

    private BenchDatabase() {
    }

    /**
     * Arguments for an external PostgreSQL given as {@code jdbc:postgresql://host:port/db?user=u&password=p}: the
     * user and password are passed as Spring settings, the rest of the URL as it is.
     */
    static List<String> external(String url) {
        List<String> args = new ArrayList<>();
        String base = url;
        String user = null;
        String password = null;
        int q = url.indexOf('?');
        List<String> keep = new ArrayList<>();
        if (q >= 0) {
            base = url.substring(0, q);
            for (String kv : url.substring(q + 1).split("&")) {
                if (kv.startsWith("user=")) {
                    user = kv.substring(5);
                } else if (kv.startsWith("password=")) {
                    password = kv.substring(9);
                } else if (!kv.isEmpty()) {
                    keep.add(kv);
                }
            }
        }
        args.add("--spring.datasource.url=" + base + (keep.isEmpty() ? "" : "?" + String.join("&", keep)));
        if (user != null) {
            args.add("--spring.datasource.username=" + user);
        }
        if (password != null) {
            args.add("--spring.datasource.password=" + password);
        }
        return args;
    }
}
