package io.earshot.conversation;

import java.util.List;

/**
 * How urgently a conversation needs a human, with the reasons that explain the score.
 *
 * @param score  0-100; 101-201 for a pinned conversation (one of a crisis: 101 plus its own score), which goes first
 * @param level  urgent, high, normal or low
 */
public record Priority(int score, String level, List<String> reasons) {
}
