package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Spanish time phrases ("en 24 horas", "mañana por la mañana", "antes del viernes", "en un par de días
 * hábiles", "hoy antes de las 17:00") in one clause. Each is restated in the words {@link EnglishTimes} reads
 * ("within 24 hours", "tomorrow morning", "by friday", …), so both languages share one set of date rules and one
 * table (docs/models/commitments.md); the phrase kept is the Spanish one. Works on text already folded by
 * {@link SpanishText#fold} (lower case, no accents). Pure.
 */
final class SpanishTimes {

    private static final String NUM = "un par de|unos pocos|unas pocas|unos|unas|pocos|pocas|media|una|un|dos|tres|cuatro|cinco|seis|siete"
            + "|ocho|nueve|diez|doce|catorce|quince|veinte|treinta|\\d{1,3}";
    private static final Map<String, String> NUMBERS = Map.ofEntries(Map.entry("un par de", "a couple of"),
            Map.entry("unos pocos", "a few"), Map.entry("unas pocas", "a few"), Map.entry("unos", "a few"), Map.entry("unas", "a few"),
            Map.entry("pocos", "a few"), Map.entry("pocas", "a few"), Map.entry("media", "half an"), Map.entry("una", "one"),
            Map.entry("un", "one"), Map.entry("dos", "two"), Map.entry("tres", "three"), Map.entry("cuatro", "four"),
            Map.entry("cinco", "five"), Map.entry("seis", "six"), Map.entry("siete", "seven"), Map.entry("ocho", "eight"),
            Map.entry("nueve", "nine"), Map.entry("diez", "ten"), Map.entry("doce", "twelve"), Map.entry("catorce", "fourteen"),
            Map.entry("quince", "fifteen"), Map.entry("veinte", "twenty"), Map.entry("treinta", "thirty"));
    private static final String UNIT = "minutos?|horas?|dias? (?:habiles|laborables|laborales)|dias?|semanas?";
    private static final Pattern SPAN = Pattern.compile("\\b(?:en|dentro de|en (?:las|los) (?:proxim[oa]s|siguientes)"
            + "|en un (?:plazo|maximo) (?:maximo )?de|en un periodo de|en menos de|antes de|maximo)\\s+(" + NUM + ")"
            + "(?:\\s*(?:-|a|o)\\s*(" + NUM + "))?\\s+(" + UNIT + ")\\b");
    private static final Pattern NEXT_BUSINESS_DAY = Pattern.compile("\\b(?:el|al) (?:proximo|siguiente) dia (?:habil|laborable)\\b");

    private static final String DAYS = "lunes|martes|miercoles|jueves|viernes|sabado|domingo";
    private static final Map<String, String> DAY_NAMES = Map.of("lunes", "monday", "martes", "tuesday", "miercoles", "wednesday",
            "jueves", "thursday", "viernes", "friday", "sabado", "saturday", "domingo", "sunday");
    private static final String MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";
    private static final List<String> MONTH_NAMES = List.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "september", "october", "november", "december");

    /** Day phrases, most specific first; each with the English words it stands for. */
    private record Day(Pattern pattern, String english) {
    }

    private static final List<Day> DAY_PHRASES = List.of(
            day("\\bpasado manana\\b", "in 2 days"),
            day("\\bentre hoy y manana\\b", "tomorrow"),
            day("\\b(?:manana (?:por la manana|temprano|a primera hora)|(?:a )?primera hora de (?:la )?manana)\\b", "tomorrow morning"),
            day("\\bmanana (?:por la|en la) tarde\\b", "tomorrow afternoon"),
            day("\\bmanana (?:por la|en la) noche\\b", "tomorrow night"),
            day("\\ba principios de la (?:proxima semana|semana que viene)\\b", "early next week"),
            day("\\b(?:la|durante la|a lo largo de la|a finales de la|antes de que (?:termine|acabe) la) (?:proxima semana|semana que viene)\\b",
                    "next week"),
            day("\\b(?:esta (?:misma )?semana|a lo largo de la semana|antes del fin de semana|antes de que (?:termine|acabe) la semana)\\b",
                    "this week"),
            day("\\b(?:a )?(?:fin|finales|final) de(?:l)? mes\\b", "end of the month"),
            day("\\besta noche\\b", "tonight"),
            day("\\b(?:hoy(?: mismo)?|esta tarde|a lo largo del dia|antes de que (?:termine|acabe) el dia|al final del dia"
                    + "|antes del cierre)\\b", "today"),
            day("(?<!\\b(?:la|esta|por la|de la|en la|cada) )\\bmanana\\b", "tomorrow"));
    private static final Pattern NEXT_WEEKDAY = Pattern.compile("\\b(?:el )?(?:proximo|siguiente) (" + DAYS + ")\\b|\\b(?:el )?(" + DAYS
            + ") que viene\\b");
    private static final Pattern WEEKDAY = Pattern.compile("\\b(?:(?:antes del|para el|el|este|hasta el|como tarde el|a mas tardar el)\\s+)?("
            + DAYS + ")\\b(\\s+(?:por la|en la) manana)?");
    private static final Pattern DATE = Pattern.compile("\\b(?:el )?(\\d{1,2}) de (" + MONTHS + ")\\b");
    private static final Pattern DAY_OF_MONTH = Pattern.compile("\\b(?:antes del|para el|el)(?: dia)? (\\d{1,2})\\b"
            + "(?!\\s*(?:de\\b|€|euros|pesos|%|h\\b|hs\\b|horas|dias|minutos|semanas|:|[.,]\\d|x\\d))");
    private static final Pattern CLOCK = Pattern.compile("\\b(?:a|antes de|hacia|sobre|hasta) las (\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:h|hs|hrs|horas)?"
            + "(?:\\s+(?:de|por) la (manana|tarde|noche))?(?![\\w:])|\\b(?:a|antes del|hacia el) mediodia\\b");
    private static final Pattern BY_THEN = Pattern.compile("\\b(?:para entonces|para ese momento|antes de esa hora|ese mismo dia|el mismo dia"
            + "|ese dia|a esa hora)\\b");

    private SpanishTimes() {
    }

    /** Whether the clause takes its time from the one named before it ("… y te aviso para entonces"). */
    static boolean refersBack(String folded) {
        return BY_THEN.matcher(folded).find();
    }

    /** The earliest due date the folded clause names, with its Spanish words, or null when it names none. */
    static EnglishTimes.Due earliest(String folded, Instant said, BusinessCalendar cal) {
        List<EnglishTimes.Due> found = new ArrayList<>();
        Matcher m = SPAN.matcher(folded);
        while (m.find()) {
            String n = english(m.group(1));
            String to = m.group(2) == null ? "" : "-" + english(m.group(2));
            read("within " + n + to + " " + unit(m.group(3)), m.group(), said, cal, found);
        }
        m = NEXT_BUSINESS_DAY.matcher(folded);
        if (m.find()) {
            read("next business day", m.group(), said, cal, found);
        }
        dayAndClock(folded, said, cal, found);
        EnglishTimes.Due best = null;
        for (EnglishTimes.Due d : found) {
            if (best == null || d.at().isBefore(best.at())) {
                best = d;
            }
        }
        return best;
    }

    /** A day named in the clause: its English words and where it stands. */
    private record Named(String english, int start, int end) {
    }

    /**
     * Every day the clause names ("hoy", "mañana por la mañana", "el viernes", "el 30 de noviembre"), each read with
     * the clause's clock time when it has one ("mañana a las 10"), and the clock time alone when no day is named.
     */
    private static void dayAndClock(String folded, Instant said, BusinessCalendar cal, List<EnglishTimes.Due> found) {
        List<Named> days = new ArrayList<>();
        Matcher m = DATE.matcher(folded);
        while (m.find()) {
            days.add(new Named("on " + Integer.parseInt(m.group(1)) + " " + MONTH_NAMES.get(month(m.group(2))), m.start(), m.end()));
        }
        m = DAY_OF_MONTH.matcher(folded);
        while (m.find()) {
            int d = Integer.parseInt(m.group(1));
            days.add(new Named("by the " + d + (d == 1 || d == 21 || d == 31 ? "st" : d == 2 || d == 22 ? "nd" : d == 3 || d == 23 ? "rd" : "th"),
                    m.start(), m.end()));
        }
        m = NEXT_WEEKDAY.matcher(folded);
        while (m.find()) {
            days.add(new Named("next " + DAY_NAMES.get(m.group(1) != null ? m.group(1) : m.group(2)), m.start(), m.end()));
        }
        if (days.isEmpty()) {
            m = WEEKDAY.matcher(folded);
            while (m.find()) {
                days.add(new Named("by " + DAY_NAMES.get(m.group(1)) + (m.group(2) != null ? " morning" : ""), m.start(), m.end()));
            }
        }
        for (Day d : DAY_PHRASES) {
            Matcher dm = d.pattern().matcher(folded);
            while (dm.find()) {
                final int s = dm.start();
                final int e = dm.end();
                if (days.stream().noneMatch(x -> s < x.end() && e > x.start())) {
                    days.add(new Named(d.english(), s, e));
                }
            }
        }
        Matcher c = CLOCK.matcher(folded);
        Named clock = c.find() ? new Named(c.group(1) == null ? "by noon" : "by " + clock(c.group(1), c.group(2), c.group(3)), c.start(), c.end())
                : null;
        if (days.isEmpty() && clock != null) {
            read(clock.english(), folded.substring(clock.start(), clock.end()), said, cal, found);
        }
        for (Named day : days) {
            boolean near = clock != null && Math.abs(clock.start() - day.end()) <= 25 || clock != null && Math.abs(day.start() - clock.end()) <= 25;
            if (near) {
                read(day.english() + " " + clock.english(), folded.substring(Math.min(day.start(), clock.start()), Math.max(day.end(), clock.end())),
                        said, cal, found);
            } else {
                read(day.english(), folded.substring(day.start(), day.end()), said, cal, found);
            }
        }
    }

    /** Reads the English restatement, keeping the Spanish words as the phrase. */
    private static void read(String english, String spanish, Instant said, BusinessCalendar cal, List<EnglishTimes.Due> found) {
        EnglishTimes.Due due = EnglishTimes.earliest(english, said, cal);
        if (due != null) {
            found.add(new EnglishTimes.Due(due.at(), spanish.trim(), due.doubt()));
        }
    }

    private static String english(String number) {
        return NUMBERS.getOrDefault(number, number);
    }

    private static String unit(String spanish) {
        if (spanish.startsWith("minuto")) {
            return "minutes";
        }
        if (spanish.startsWith("hora")) {
            return "hours";
        }
        if (spanish.startsWith("semana")) {
            return "weeks";
        }
        return spanish.contains(" ") ? "business days" : "days";
    }

    private static int month(String name) {
        List<String> names = List.of("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
                "octubre", "noviembre", "diciembre");
        return names.indexOf(name);
    }

    /**
     * "a las 5 de la tarde" is 5pm, "a las 10 de la mañana" 10am, "a las 17:00" 5pm; a bare hour from 1 to 7 is read
     * in the afternoon ("a las 5": nobody promises 5 in the morning).
     */
    private static String clock(String hour, String minute, String part) {
        int h = Integer.parseInt(hour);
        if (h > 23) {
            h = 23;
        }
        if (part != null && !part.equals("manana") && h < 12) {
            h += 12;
        } else if (part == null && h >= 1 && h <= 7) {
            h += 12;
        }
        String mm = minute == null ? "00" : minute;
        return String.format(Locale.ROOT, "%d:%s", h, mm).equals("0:00") ? "12:00am"
                : h == 0 ? "12:" + mm + "am" : h < 12 ? h + ":" + mm + "am" : h == 12 ? "12:" + mm + "pm" : (h - 12) + ":" + mm + "pm";
    }

    private static Day day(String regex, String english) {
        return new Day(Pattern.compile(regex), english);
    }
}
