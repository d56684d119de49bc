package io.earshot.followup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A team's working time: opening hours per weekday in a time zone, and holidays. Pure and immutable;
 * business time is counted only inside opening hours. {@link #AROUND_THE_CLOCK} counts every second.
 *
 * @param zone     the zone the hours are read in
 * @param hours    opening hours per weekday; a day without an entry is closed
 * @param holidays dates (in {@code zone}) on which the team does not work
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> hours, Set<LocalDate> holidays) {

    /** Opening hours of one day: from {@code opens} (inclusive) to {@code closes}; closes after opens. */
    public record Hours(LocalTime opens, LocalTime closes) {
        public Hours {
            if (!closes.isAfter(opens) && !closes.equals(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("closing time " + closes + " is not after opening time " + opens);
            }
        }

        Duration length() {
            return closes.equals(LocalTime.MIDNIGHT) ? Duration.between(opens, LocalTime.MAX).plusNanos(1)
                    : Duration.between(opens, closes);
        }
    }

    /** Every day, every hour, UTC: deadlines are plain additions. */
    public static final BusinessCalendar AROUND_THE_CLOCK = always();

    /** PRODUCT.md's default: Monday to Friday, 09:00 to 17:00 UTC, no holidays. */
    public static final BusinessCalendar DEFAULT = parse("UTC", "mon-fri 09:00-17:00", "");

    public BusinessCalendar {
        hours = Map.copyOf(hours);
        holidays = Set.copyOf(holidays);
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
    }

    private static BusinessCalendar always() {
        Map<DayOfWeek, Hours> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        }
        return new BusinessCalendar(ZoneOffset.UTC, all, Set.of());
    }

    /** True when every second counts. */
    public boolean aroundTheClock() {
        return hours.size() == 7 && holidays.isEmpty()
                && hours.values().stream().allMatch(h -> h.opens().equals(LocalTime.MIDNIGHT) && h.closes().equals(LocalTime.MIDNIGHT));
    }

    /**
     * Reads a calendar from its text form: {@code zone} an IANA zone id ("Europe/Paris"), {@code hours} as
     * {@code "mon-fri 09:00-17:00; sat 10:00-14:00"}, {@code holidays} as comma-separated ISO dates.
     *
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static BusinessCalendar parse(String zone, String hours, String holidays) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'");
        }
        Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);
        for (String part : (hours == null ? "" : hours).split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            String[] words = p.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException("working hours '" + part.trim() + "' must look like 'mon-fri 09:00-17:00'");
            }
            Hours h = hoursOf(words[1], part.trim());
            for (DayOfWeek d : daysOf(words[0], part.trim())) {
                week.put(d, h);
            }
        }
        if (week.isEmpty()) {
            throw new IllegalArgumentException("working hours must name at least one day, like 'mon-fri 09:00-17:00'");
        }
        Set<LocalDate> off = new TreeSet<>();
        for (String d : (holidays == null ? "" : holidays).split(",")) {
            if (!d.isBlank()) {
                try {
                    off.add(LocalDate.parse(d.trim()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("holiday '" + d.trim() + "' is not a date like 2026-12-25");
                }
            }
        }
        return new BusinessCalendar(zoneId, week, off);
    }

    /** The text form of the working hours, as {@link #parse} reads it. */
    public String hoursText() {
        List<String> parts = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            Hours h = hours.get(d);
            if (h != null) {
                parts.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + h.opens() + "-"
                        + (h.closes().equals(LocalTime.MIDNIGHT) ? "24:00" : h.closes().toString()));
            }
        }
        return String.join("; ", parts);
    }

    private static List<DayOfWeek> daysOf(String text, String part) {
        String[] range = text.split("-");
        DayOfWeek from = dayOf(range[0], part);
        DayOfWeek to = range.length > 1 ? dayOf(range[1], part) : from;
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek d = from; ; d = d.plus(1)) {
            days.add(d);
            if (d == to) {
                return days;
            }
        }
    }

    private static DayOfWeek dayOf(String text, String part) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (text.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' in '" + part + "' is not a weekday (mon, tue, wed, thu, fri, sat, sun)");
    }

    private static Hours hoursOf(String text, String part) {
        String[] span = text.split("-");
        try {
            LocalTime opens = LocalTime.parse(span[0]);
            LocalTime closes = span[1].equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(span[1]);
            return new Hours(opens, closes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hours '" + text + "' in '" + part + "' must look like 09:00-17:00");
        }
    }

    /** True when {@code date} has opening hours and is not a holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return hours.containsKey(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The {@code n}-th business day after {@code date} (n ≥ 1), or {@code date} itself for n = 0. */
    public LocalDate plusBusinessDays(LocalDate date, int n) {
        LocalDate d = date;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The first business day on or after {@code date}. */
    public LocalDate businessDayOnOrAfter(LocalDate date) {
        LocalDate d = date;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** When the team stops working on {@code date}, or on the next business day if it does not work then. */
    public Instant closeOf(LocalDate date) {
        LocalDate d = businessDayOnOrAfter(date);
        return end(d);
    }

    /** When the team starts working on {@code date}, or on the next business day if it does not work then. */
    public Instant openingOf(LocalDate date) {
        LocalDate d = businessDayOnOrAfter(date);
        return d.atTime(hours.get(d.getDayOfWeek()).opens()).atZone(zone).toInstant();
    }

    /** The local date of an instant in this calendar's zone. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The instant in this calendar's zone. */
    public ZonedDateTime at(Instant instant) {
        return instant.atZone(zone);
    }

    private Instant start(LocalDate d) {
        return d.atTime(hours.get(d.getDayOfWeek()).opens()).atZone(zone).toInstant();
    }

    private Instant end(LocalDate d) {
        Hours h = hours.get(d.getDayOfWeek());
        return h.closes().equals(LocalTime.MIDNIGHT) ? d.plusDays(1).atStartOfDay(zone).toInstant()
                : d.atTime(h.closes()).atZone(zone).toInstant();
    }

    /**
     * The instant {@code amount} of business time after {@code from}. Starting outside opening hours counts
     * from the next opening; a zero amount gives {@code from} itself.
     */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (aroundTheClock()) {
            return from.plus(amount);
        }
        if (amount.isZero()) {
            return from;
        }
        Duration left = amount;
        LocalDate day = dateOf(from).minusDays(1);
        for (int guard = 0; guard < 366 * 50; guard++) {
            if (isBusinessDay(day)) {
                Instant s = start(day);
                Instant e = end(day);
                Instant begin = from.isAfter(s) ? from : s;
                if (begin.isBefore(e)) {
                    Duration open = Duration.between(begin, e);
                    if (open.compareTo(left) >= 0) {
                        return begin.plus(left);
                    }
                    left = left.minus(open);
                }
            }
            day = day.plusDays(1);
        }
        throw new IllegalStateException("no working time found within 50 years");
    }

    /** The business time between two instants; zero when {@code to} is not after {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (aroundTheClock()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = dateOf(to).plusDays(1);
        for (LocalDate day = dateOf(from).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                Instant s = start(day);
                Instant e = end(day);
                Instant a = from.isAfter(s) ? from : s;
                Instant b = to.isBefore(e) ? to : e;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /** The length of a working day on {@code date} (zero when closed). */
    public Duration workingDay(LocalDate date) {
        return isBusinessDay(date) ? hours.get(date.getDayOfWeek()).length() : Duration.ZERO;
    }
}
