package io.earshot.reporting;

/** One agent's (or one team's) follow-through over a period. */
public record AgentFigures(String id, String name, String team, long replies, Summary.Commitments commitments,
                           long slaBreaches, long silentConversations, Summary.Csat csat) {
}
