package org.certbound.server.settings;

import java.util.function.Predicate;

/**
 * A consumer of dynamic settings updates, registered through {@link ClusterSettings#addListener}.
 *
 * <p>{@link #validate} runs for every update that changes a key this listener watches, before anything is
 * applied, and rejects the whole update by throwing. {@link #apply} runs after the update is stored and
 * must not fail: log instead.
 */
public interface SettingsListener {

    /** Returns the keys this listener watches. */
    Predicate<String> keys();

    /**
     * Rejects {@code candidate}, the effective settings after the update, by throwing
     * {@link IllegalArgumentException} or {@link SettingsException}; the message becomes the 400 reason.
     */
    default void validate(Settings candidate) {}

    /** Applies an accepted update, given the effective settings before and after. */
    void apply(Settings previous, Settings current);
}
