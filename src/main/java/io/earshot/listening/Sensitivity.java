package io.earshot.listening;

/** How readily the spike detector alerts: LOW wants a bigger, surer wave than NORMAL, HIGH a smaller one. */
public enum Sensitivity {
    LOW,
    NORMAL,
    HIGH
}
