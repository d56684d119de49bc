package io.earshot.platform;

/**
 * A group of agents working to one business calendar, with a lead.
 *
 * @param timeZone IANA zone of the working hours
 * @param hours    working hours, e.g. {@code mon-fri 09:00-17:00}
 * @param holidays comma-separated ISO dates
 * @param leadId   the agent who hears of the team's broken promises, if any
 */
public record Team(long id, String name, String timeZone, String hours, String holidays, Long leadId) {
}
