package io.earshot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.ingest.IngestLimits;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Instants;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of the shared bounded types and the message parser, over generated inputs (jqwik): they answer every
 * input, never throw anything but their own refusal, and what they accept round-trips.
 */
class BoundsProperties {

    private static final MessageItemParser PARSER = new MessageItemParser(IngestLimits.defaults(),
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    @Property(tries = 3000)
    void anIdIsParsedOrRefusedNeverThrown(@ForAll("idLike") String value) {
        var parsed = Ids.parse(value);
        if (parsed.isPresent()) {
            assertThat(parsed.get()).isNotNegative();
            assertThat(new BigInteger(value)).isEqualTo(BigInteger.valueOf(parsed.get()));
        } else {
            boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
            // refused: not all digits, longer than any id Earshot gives out (19 digits), or past the largest long
            assertThat(!digits || value.length() > 19 || new BigInteger(value).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0)
                    .as(value).isTrue();
        }
    }

    @Property(tries = 3000)
    void anIdInAFieldIsRefusedAs400NamingIt(@ForAll("idLike") String value) {
        try {
            Ids.field(value, "agentId");
        } catch (EarshotException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("agentId");
        }
    }

    @Property(tries = 3000)
    void anInstantIsInRangeOrRefused(@ForAll("instantLike") String value) {
        Instants.parse(value).ifPresent(at -> {
            assertThat(Instants.inRange(at)).isTrue();
            assertThat(at.toEpochMilli()).isBetween(0L, Instants.LATEST.toEpochMilli());
        });
    }

    @Property(tries = 2000)
    void everyMessageItemGetsAResultNeverAnException(@ForAll("items") JsonNode item) {
        ParsedItem r = PARSER.parse(item);
        if (r.ok()) {
            assertThat(r.message().externalId().length()).isLessThanOrEqualTo(200);
            assertThat(r.message().author().handle().length()).isLessThanOrEqualTo(200);
            assertThat(r.message().author().name() == null || r.message().author().name().length() <= 200).isTrue();
            assertThat(Instants.inRange(r.message().createdAt())).isTrue();
        } else {
            assertThat(r.error()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> idLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(25),
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(22)).map(b -> b.toString()),
                Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> instantLike() {
        Arbitrary<String> years = Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 999_999_999).map(y ->
                        (y > 9999 ? "+" : "") + (y < 0 ? "-" + String.format("%04d", -y) : String.format("%04d", y))),
                Arbitraries.integers().between(1960, 3010).map(y -> String.format("%04d", y)));
        return Arbitraries.oneOf(
                Combinators.combine(years, Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 32))
                        .as((y, m, d) -> y + "-" + String.format("%02d", m) + "-" + String.format("%02d", d) + "T10:00:00Z"),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<JsonNode> items() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(f::stringNode),
                Arbitraries.just("2026-12-02T09:00:00Z").map(f::stringNode),
                Arbitraries.just("-999999999-01-01T00:00:00Z").map(f::stringNode),
                Arbitraries.just("+999999999-12-31T23:59:59Z").map(f::stringNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30)).map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()),
                Arbitraries.just(f.arrayNode().add(1)),
                Arbitraries.just(f.objectNode()));
        Arbitrary<JsonNode> channel = Arbitraries.oneOf(Arbitraries.of("twitter", "email", "chat").map(f::stringNode), scalar);
        Arbitrary<JsonNode> direction = Arbitraries.oneOf(Arbitraries.of("inbound", "outbound").map(f::stringNode), scalar);
        Arbitrary<JsonNode> author = Combinators.combine(scalar, scalar, scalar, scalar).as((h, n, e, fo) -> {
            ObjectNode a = f.objectNode();
            a.set("handle", h.isString() && h.asString().isBlank() ? f.stringNode("h") : h);
            a.set("name", n);
            a.set("email", e);
            a.set("followers", fo);
            return (JsonNode) a;
        });
        return Combinators.combine(channel, scalar, direction, author, scalar, scalar, scalar).as((c, id, d, a, text, at, reply) -> {
            ObjectNode o = f.objectNode();
            o.set("channel", c);
            o.set("externalId", id);
            o.set("direction", d);
            o.set("author", a);
            o.set("text", text);
            o.set("createdAt", at);
            o.set("inReplyTo", reply);
            return o;
        });
    }
}
