package io.earshot.followup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpanishPromiseFinderTest {

    static final Duration SOON = Duration.ofHours(4);
    /** Thursday 2026-11-19, 14:05 UTC: inside the default calendar's hours. */
    static final Instant THURSDAY = Instant.parse("2026-11-19T14:05:00Z");

    final PromiseFinder finder = new SpanishPromiseFinder();

    List<FoundPromise> find(String text, Instant said) {
        return finder.find(text, said, BusinessCalendar.DEFAULT, SOON);
    }

    FoundPromise one(String text) {
        List<FoundPromise> found = find(text, THURSDAY);
        assertThat(found).as(text).hasSize(1);
        return found.get(0);
    }

    @Test
    void readsSpanish() {
        assertThat(finder.language()).isEqualTo("es");
    }

    @Test
    void verbsJoinedByYShareTheTime() {
        FoundPromise p = one("Revisaremos tu caso y te escribiremos en 24 horas.");
        assertThat(p.kind()).isEqualTo("update");
        assertThat(p.dueAt()).isEqualTo(THURSDAY.plus(Duration.ofHours(24)));
        assertThat(p.when()).isEqualTo("en 24 horas");
    }

    @Test
    void airbnbInSpanishACoupleOfBusinessDaysIsMondaysClose() {
        FoundPromise p = one("El pago llegará a tu cuenta en un par de días hábiles.");
        assertThat(p.kind()).isEqualTo("refund");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
        assertThat(p.when()).isEqualTo("en un par de días hábiles"); // as the agent wrote it
    }

    @Test
    void aPresentTenseWithATimeIsAPromise() {
        FoundPromise call = one("Te llamamos mañana por la mañana.");
        assertThat(call.kind()).isEqualTo("callback");
        assertThat(call.dueAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(find("Te escribimos siempre que hay novedades.", THURSDAY)).isEmpty();
    }

    @Test
    void daysTimesAndAThirdParty() {
        assertThat(one("Nuestro equipo técnico se pondrá en contacto contigo antes del viernes.").dueAt())
                .isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
        FoundPromise router = one("Vamos a enviarte un nuevo router hoy antes de las 17:00.");
        assertThat(router.kind()).isEqualTo("ship");
        assertThat(router.dueAt()).isEqualTo(Instant.parse("2026-11-19T17:00:00Z"));
        assertThat(one("Te enviaremos el reembolso la próxima semana.").kind()).isEqualTo("refund");
        assertThat(one("Recibirás un correo de confirmación en unos minutos.").kind()).isEqualTo("update");
    }

    @Test
    void aTimeTodayThatHasPassedCarriesADoubt() {
        FoundPromise late = find("Te llamo hoy a las 5 de la tarde.", Instant.parse("2026-11-19T18:30:00Z")).get(0);
        assertThat(late.doubt()).contains("already passed");
        assertThat(late.dueAt()).isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
    }

    @Test
    void aRecurringUpdateIsACadence() {
        FoundPromise p = one("Te mantendremos informado cada 2 horas hasta que se resuelva.");
        assertThat(p.cadence()).isEqualTo(Duration.ofHours(2));
        assertThat(p.dueAt()).isEqualTo(THURSDAY.plus(Duration.ofHours(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ya te hemos reembolsado el importe.",
        "Estamos revisándolo.",
        "¿Quieres que te llamemos mañana?",
        "Intentaremos enviarlo hoy.",
        "No podremos cambiar la dirección de entrega.",
        "Si nos envías tu número de pedido, lo revisamos.",
        "Envíanos un DM y lo solucionamos.",
        "Estaremos encantados de ayudarte.",
        "Tendrás que reiniciar el router.",
        "Quizás podamos enviarte otro la próxima semana.",
        "¿Nos puedes enviar tu número de pedido? Lo revisaremos enseguida."
    })
    void noPromise(String text) {
        assertThat(find(text, THURSDAY)).as(text).isEmpty();
        assertThat(finder.mayPromise(text)).as(text).isFalse();
    }
}
