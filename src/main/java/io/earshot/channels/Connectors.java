package io.earshot.channels;

import io.earshot.platform.EarshotException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every connector bean, by kind. */
@Component
public class Connectors {

    private final Map<String, Connector> byKind = new LinkedHashMap<>();

    Connectors(List<Connector> connectors) {
        connectors.stream().sorted(Comparator.comparing(Connector::kind)).forEach(c -> {
            if (byKind.putIfAbsent(c.kind(), c) != null) {
                throw new IllegalStateException("two connectors of kind " + c.kind());
            }
        });
    }

    public Optional<Connector> of(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** The connector of {@code kind}, or a 400 naming the kinds there are. */
    public Connector require(String kind) {
        return of(kind).orElseThrow(() -> EarshotException.invalid("kind", "'" + kind + "' is not an account kind; use one of "
                + byKind.keySet()));
    }

    public List<Connector> all() {
        return List.copyOf(byKind.values());
    }
}
