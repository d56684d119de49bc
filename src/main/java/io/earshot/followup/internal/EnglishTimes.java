package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads English time phrases ("within 24 hours", "by Friday", "tomorrow at 9am", "in a couple of business days")
 * in one clause and turns them into a due instant, in a {@link BusinessCalendar}'s zone. Pure. The rules are
 * listed in docs/models/commitments.md. Vague phrases ("soon", "ASAP", "shortly") are not read here: they leave
 * the default to the caller.
 */
final class EnglishTimes {

    /** A due instant, the words that set it, and why it may not be what was meant (or null). */
    record Due(Instant at, String phrase, String doubt) {
        Due(Instant at, String phrase) {
            this(at, phrase, null);
        }
    }

    private static final String NUM_WORDS = "couple of|few|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four|\\d{1,3}";

    /** How often a recurring promise comes round, and the words that say so. */
    record Cadence(Duration period, String phrase) {
    }

    private static final Pattern EVERY = Pattern.compile("(?i)\\b(?:every|each)\\s+(?:(" + NUM_WORDS + ")\\s+)?"
            + "(minutes?|mins?|hours?|hrs?|days?|mornings?|evenings?|business days?|working days?)\\b"
            + "|\\b(hourly|daily)\\b(?=\\s+(?:updates?|until|till|while|as)|\\s*[.,!]|\\s*$)");

    /**
     * The cadence a clause names ("every 2 hours", "every hour", "each day", "daily updates"), or null. A cadence of
     * less than 15 minutes is not read as one (it is not a promise anyone can keep).
     */
    static Cadence cadence(String clause) {
        Matcher m = EVERY.matcher(clause);
        if (!m.find()) {
            return null;
        }
        Duration period;
        if (m.group(3) != null) {
            period = m.group(3).equalsIgnoreCase("hourly") ? Duration.ofHours(1) : Duration.ofDays(1);
        } else {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            int n = m.group(1) == null ? 1 : number(m.group(1), unit);
            if (n <= 0) {
                return null;
            }
            period = unit.startsWith("m") && !unit.startsWith("morning") ? Duration.ofMinutes(n)
                    : unit.startsWith("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        }
        return period.compareTo(Duration.ofMinutes(15)) < 0 ? null : new Cadence(period, m.group().trim());
    }

    /** Words that take their time from an earlier clause: "… within 2 hours and I will update you by then". */
    private static final Pattern BY_THEN = Pattern.compile("(?i)\\b(?:by|before|at|until)\\s+(?:then|that time|that point)\\b");

    /** Whether {@code clause} says its time is the one named before it ("by then"). */
    static boolean refersBack(String clause) {
        return BY_THEN.matcher(clause).find();
    }

    private static final String NUM = "a couple of|a couple|couple of|a few|few|half an|an|a|one|two|three|four|five|six|seven"
            + "|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty-eight|twenty-four|seventy-two|\\d{1,3}";
    private static final Pattern SPAN = Pattern.compile("(?i)\\b(?:within|in|inside(?: of)?|up to|(?:within |in |over )?the next"
            + "|over the next|in the coming)\\s+(?:the\\s+)?(" + NUM + ")(?:\\s*(?:-|–|to|or)\\s*(" + NUM + "))?\\s*"
            + "(minutes?|mins?|hours?|hrs?|h|(?:business|working)\\s+days?|days?|weeks?)\\b(?:\\s+or\\s+(so|two))?");
    private static final Pattern WITHIN_THE_HOUR = Pattern.compile("(?i)\\bwithin the (?:next )?hour\\b");
    private static final Pattern NEXT_BUSINESS_DAY = Pattern.compile("(?i)\\b(?:by |on |within )?(?:the )?next (?:business|working) day\\b");

    private static final String BY = "(?:(?:by|on|before|until|for|from|at|over)\\s+)?";
    private static final String PART = "(?:\\s+(?:in the\\s+)?(morning|afternoon|evening|night))?";
    private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    private static final Pattern EARLY_NEXT_WEEK = Pattern.compile("(?i)\\b" + BY + "early next week\\b");
    private static final Pattern NEXT_WEEK = Pattern.compile("(?i)\\b" + BY + "(?:the )?(?:end of )?(?:the )?next week\\b");
    private static final Pattern THIS_WEEK = Pattern.compile("(?i)\\b(?:" + BY + "(?:the )?end of (?:the |this )week"
            + "|(?:by |before |over )?the weekend|(?:later )?this week)\\b");
    private static final Pattern NEXT_WEEKDAY = Pattern.compile("(?i)\\b" + BY + "next (" + DAYS + ")\\b" + PART);
    private static final Pattern WEEKDAY = Pattern.compile("(?i)\\b" + BY + "(first thing (?:on )?)?(?:this )?(" + DAYS + ")\\b" + PART);
    private static final Pattern TOMORROW = Pattern.compile("(?i)\\b" + BY + "(first thing )?tomorrow\\b" + PART);
    private static final Pattern TODAY = Pattern.compile("(?i)\\b" + BY + "(?:later )?today\\b|\\b" + BY + "this afternoon\\b");
    private static final Pattern TONIGHT = Pattern.compile("(?i)\\b" + BY + "(?:tonight|this evening)\\b");
    private static final Pattern END_OF_DAY = Pattern.compile("(?i)\\b" + BY + "(?:the )?(?:end of (?:the )?(?:day|business|play)"
            + "|eod|cob|close of (?:business|play))\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("(?i)\\b" + BY + "(" + MONTHS + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("(?i)\\b" + BY + "(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTHS + ")\\b");
    private static final Pattern DAY_OF_MONTH = Pattern.compile("(?i)\\b" + BY + "the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b");
    private static final Pattern END_OF_MONTH = Pattern.compile("(?i)\\b" + BY + "(?:the )?end of (?:the |this )?month\\b");

    private static final Pattern BETWEEN = Pattern.compile("(?i)\\bbetween\\s+\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?\\s*(?:and|-|–)\\s*"
            + "(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)\\b");
    private static final Pattern AM_PM = Pattern.compile("(?i)(?:\\b(?:at|by|before|until|around)\\s+)?\\b(\\d{1,2})(?::(\\d{2}))?\\s*"
            + "(am|pm|a\\.m\\.|p\\.m\\.)(?!\\w)");
    private static final Pattern H24 = Pattern.compile("(?i)\\b(?:at|by|before|until)\\s+(\\d{1,2}):(\\d{2})\\b");
    private static final Pattern NOON = Pattern.compile("(?i)\\b(?:(?:at|by|before|around)\\s+)?(?:noon|midday|lunchtime)\\b");

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("twenty-four", 24), Map.entry("forty-eight", 48),
            Map.entry("seventy-two", 72), Map.entry("a couple of", 2), Map.entry("a couple", 2), Map.entry("couple of", 2));

    /** How the end of an anchored day is read. */
    private enum Part { END, NOON, MIDNIGHT }

    /** A day named in the clause; a higher rank is more specific and wins. */
    private record Anchor(LocalDate day, Part part, int rank, int start, int end, boolean weekLong) {
    }

    private record Clock(LocalTime time, int start, int end) {
    }

    private final Instant said;
    private final BusinessCalendar cal;
    private final LocalDate today;

    private EnglishTimes(Instant said, BusinessCalendar cal) {
        this.said = said;
        this.cal = cal;
        this.today = cal.dateOf(said);
    }

    /** The earliest due date the clause names, or null when it names none. */
    static Due earliest(String clause, Instant said, BusinessCalendar cal) {
        return new EnglishTimes(said, cal).read(clause);
    }

    private Due read(String clause) {
        List<Due> found = new ArrayList<>(spans(clause));
        Due day = dayAndClock(clause);
        if (day != null) {
            found.add(day);
        }
        Due best = null;
        for (Due d : found) {
            if (best == null || d.at().isBefore(best.at())) {
                best = d;
            }
        }
        return best;
    }

    // ---- durations: "within 24 hours", "in 3-5 business days", "within the hour"

    private List<Due> spans(String clause) {
        List<Due> out = new ArrayList<>();
        Matcher m = SPAN.matcher(clause);
        while (m.find()) {
            String unit = m.group(3).toLowerCase(Locale.ROOT);
            int n = number(m.group(2) != null ? m.group(2) : m.group(1), unit);
            if ("two".equalsIgnoreCase(m.group(4))) {
                n = Math.max(n, 2);
            }
            if (n != 0) {
                out.add(new Due(after(n, unit), m.group().trim()));
            }
        }
        m = WITHIN_THE_HOUR.matcher(clause);
        if (m.find()) {
            out.add(new Due(said.plus(Duration.ofHours(1)), m.group()));
        }
        m = NEXT_BUSINESS_DAY.matcher(clause);
        if (m.find()) {
            out.add(new Due(cal.closeOf(cal.plusBusinessDays(today, 1)), m.group()));
        }
        return out;
    }

    /** The count a span names; "half an hour" is -30, read by {@link #after} as 30 minutes. */
    private static int number(String text, String unit) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("half an")) {
            return unit.startsWith("h") ? -30 : 0;
        }
        if (t.equals("a few") || t.equals("few")) {
            return unit.startsWith("h") ? 4 : unit.startsWith("m") ? 5 : 3;
        }
        if (Character.isDigit(t.charAt(0))) {
            return Integer.parseInt(t);
        }
        return WORDS.getOrDefault(t, 0);
    }

    private Instant after(int n, String unit) {
        if (n < 0) {
            return said.plus(Duration.ofMinutes(-n));
        }
        if (unit.startsWith("m")) {
            return said.plus(Duration.ofMinutes(n));
        }
        if (unit.startsWith("h")) {
            return said.plus(Duration.ofHours(n));
        }
        if (unit.startsWith("business") || unit.startsWith("working")) {
            return cal.closeOf(cal.plusBusinessDays(today, n));
        }
        if (unit.startsWith("week")) {
            return endOfDay(today.plusDays(7L * n));
        }
        return endOfDay(today.plusDays(n));
    }

    // ---- a day ("Friday", "tomorrow morning", "30 November", "next week"), maybe with a clock time

    private Due dayAndClock(String clause) {
        Anchor anchor = anchor(clause);
        Clock clock = clock(clause);
        if (clock != null && (anchor == null || !anchor.weekLong())) {
            LocalDate day = anchor == null || anchor.rank() <= 2 ? today : anchor.day();
            Instant at = day.atTime(clock.time()).atZone(cal.zone()).toInstant();
            String doubt = null;
            if ((anchor == null || anchor.rank() <= 2) && !at.isAfter(said)) {
                if (anchor != null && anchor.rank() == 2) {
                    doubt = "the time it names for today has already passed";
                }
                at = today.plusDays(1).atTime(clock.time()).atZone(cal.zone()).toInstant();
            }
            int start = anchor == null ? clock.start() : Math.min(anchor.start(), clock.start());
            int end = anchor == null ? clock.end() : Math.max(anchor.end(), clock.end());
            return new Due(at, clause.substring(start, end).trim(), doubt);
        }
        if (anchor == null) {
            return null;
        }
        Instant at = switch (anchor.part()) {
            case NOON -> anchor.day().atTime(LocalTime.NOON).atZone(cal.zone()).toInstant();
            case MIDNIGHT -> midnightAfter(anchor.day());
            case END -> endOfDay(anchor.day());
        };
        return new Due(at, clause.substring(anchor.start(), anchor.end()).trim());
    }

    private Anchor anchor(String clause) {
        List<Anchor> all = new ArrayList<>();
        Matcher m = MONTH_DAY.matcher(clause);
        while (m.find()) {
            add(all, date(month(m.group(1)), Integer.parseInt(m.group(2))), Part.END, 6, m, false);
        }
        m = DAY_MONTH.matcher(clause);
        while (m.find()) {
            add(all, date(month(m.group(2)), Integer.parseInt(m.group(1))), Part.END, 6, m, false);
        }
        m = DAY_OF_MONTH.matcher(clause);
        while (m.find()) {
            add(all, dayOfMonth(Integer.parseInt(m.group(1))), Part.END, 5, m, false);
        }
        m = END_OF_MONTH.matcher(clause);
        if (m.find()) {
            add(all, today.with(TemporalAdjusters.lastDayOfMonth()), Part.END, 5, m, false);
        }
        m = NEXT_WEEKDAY.matcher(clause);
        while (m.find()) {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1);
            add(all, monday.with(TemporalAdjusters.nextOrSame(day(m.group(1)))), part(m.group(2), false), 4, m, false);
        }
        m = WEEKDAY.matcher(clause);
        while (m.find()) {
            add(all, today.with(TemporalAdjusters.nextOrSame(day(m.group(2)))), part(m.group(3), m.group(1) != null), 4, m, false);
        }
        m = TOMORROW.matcher(clause);
        while (m.find()) {
            add(all, today.plusDays(1), part(m.group(2), m.group(1) != null), 3, m, false);
        }
        m = EARLY_NEXT_WEEK.matcher(clause);
        if (m.find()) {
            List<LocalDate> days = businessDaysOfWeek(1);
            add(all, days.isEmpty() ? today.plusWeeks(1) : days.get(Math.min(1, days.size() - 1)), Part.END, 3, m, true);
        } else if ((m = NEXT_WEEK.matcher(clause)).find()) {
            List<LocalDate> days = businessDaysOfWeek(1);
            add(all, days.isEmpty() ? today.plusWeeks(1) : days.get(days.size() - 1), Part.END, 3, m, true);
        } else if ((m = THIS_WEEK.matcher(clause)).find()) {
            List<LocalDate> days = businessDaysOfWeek(0);
            LocalDate last = days.isEmpty() ? today : days.get(days.size() - 1);
            add(all, last.isBefore(today) ? today : last, Part.END, 2, m, true);
        }
        m = TODAY.matcher(clause);
        while (m.find()) {
            add(all, today, Part.END, 2, m, false);
        }
        m = TONIGHT.matcher(clause);
        while (m.find()) {
            add(all, today, Part.MIDNIGHT, 2, m, false);
        }
        m = END_OF_DAY.matcher(clause);
        while (m.find()) {
            add(all, today, Part.END, 1, m, false);
        }
        Anchor best = null;
        for (Anchor a : all) {
            if (best == null || a.rank() > best.rank()) {
                best = a;
            }
        }
        if (best != null && best.rank() > 1) {
            // "by end of day tomorrow": the end-of-day words belong to the named day's phrase
            for (Anchor a : all) {
                if (a.rank() == 1 && a.end() + 2 >= best.start() && a.start() < best.start()) {
                    best = new Anchor(best.day(), best.part(), best.rank(), a.start(), best.end(), best.weekLong());
                }
            }
        }
        return best;
    }

    private static void add(List<Anchor> all, LocalDate day, Part part, int rank, Matcher m, boolean weekLong) {
        if (day != null) {
            all.add(new Anchor(day, part, rank, m.start(), m.end(), weekLong));
        }
    }

    private static Part part(String word, boolean firstThing) {
        if (firstThing || "morning".equalsIgnoreCase(word)) {
            return Part.NOON;
        }
        if ("evening".equalsIgnoreCase(word) || "night".equalsIgnoreCase(word)) {
            return Part.MIDNIGHT;
        }
        return Part.END;
    }

    private LocalDate date(int month, int day) {
        try {
            LocalDate d = LocalDate.of(today.getYear(), month, day);
            return d.isBefore(today) ? d.plusYears(1) : d;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private LocalDate dayOfMonth(int day) {
        LocalDate first = today.withDayOfMonth(1);
        for (int i = 0; i < 13; i++) {
            LocalDate month = first.plusMonths(i);
            if (day >= 1 && day <= month.lengthOfMonth()) {
                LocalDate d = month.withDayOfMonth(day);
                if (!d.isBefore(today)) {
                    return d;
                }
            }
        }
        return null;
    }

    private List<LocalDate> businessDaysOfWeek(int weeksAhead) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(weeksAhead);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate d = monday.plusDays(i);
            if (cal.isBusinessDay(d) && !d.isBefore(today)) {
                days.add(d);
            }
        }
        return days;
    }

    private static int month(String text) {
        String t = text.toLowerCase(Locale.ROOT).substring(0, 3);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(t) + 1;
    }

    private static DayOfWeek day(String text) {
        return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private Clock clock(String clause) {
        Matcher m = BETWEEN.matcher(clause);
        if (m.find()) {
            return new Clock(time(m.group(1), m.group(2), m.group(3)), m.start(), m.end());
        }
        m = AM_PM.matcher(clause);
        if (m.find()) {
            return new Clock(time(m.group(1), m.group(2), m.group(3)), m.start(), m.end());
        }
        m = H24.matcher(clause);
        if (m.find() && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60) {
            return new Clock(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), m.start(), m.end());
        }
        m = NOON.matcher(clause);
        if (m.find()) {
            return new Clock(LocalTime.NOON, m.start(), m.end());
        }
        return null;
    }

    private static LocalTime time(String hour, String minute, String amPm) {
        int h = Integer.parseInt(hour) % 12;
        if (amPm.toLowerCase(Locale.ROOT).startsWith("p")) {
            h += 12;
        }
        return LocalTime.of(Math.min(h, 23), minute == null ? 0 : Math.min(Integer.parseInt(minute), 59));
    }

    // ---- the end of a day

    /**
     * The end of {@code day}: its closing time when it is a business day (unless that has already passed today),
     * otherwise midnight at its end.
     */
    private Instant endOfDay(LocalDate day) {
        if (cal.isBusinessDay(day)) {
            Instant close = cal.closeOf(day);
            if (!(day.equals(today) && !said.isBefore(close))) {
                return close;
            }
        }
        return midnightAfter(day);
    }

    private Instant midnightAfter(LocalDate day) {
        return day.plusDays(1).atStartOfDay(cal.zone()).toInstant();
    }
}
