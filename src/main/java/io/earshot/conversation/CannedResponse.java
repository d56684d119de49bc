package io.earshot.conversation;

/**
 * A reusable reply with placeholders ({@code {{customer.name}}}, {@code {{customer.firstName}}},
 * {@code {{customer.handle}}}, {@code {{agent.name}}}, {@code {{agent.firstName}}}).
 *
 * @param teamId the team it is for, or null for every team
 */
public record CannedResponse(String id, String title, String body, String teamId) {
}
