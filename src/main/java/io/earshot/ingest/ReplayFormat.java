package io.earshot.ingest;

/** The file formats the replay command reads. */
public enum ReplayFormat {
    /** One {@code POST /messages} item (a JSON object) per line; blank lines skipped. */
    NDJSON,
    /** The Customer Support on Twitter (Kaggle "twcs") CSV, original or re-saved by pandas. */
    TWCS_CSV
}
