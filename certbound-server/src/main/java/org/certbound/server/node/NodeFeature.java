package org.certbound.server.node;

import java.util.List;

/**
 * A feature of the node, such as API keys or remote clusters. The node registers every feature's
 * {@link #settings()} before it reads the config, then calls {@link #start} in the order of
 * {@link NodeFeatures#all()}, and {@link #close} in reverse order on shutdown.
 */
public interface NodeFeature {

    /** Returns the feature's {@link org.certbound.server.settings.Setting} and affix declarations. */
    default List<Object> settings() {
        return List.of();
    }

    /** Starts the feature: registers routes, listeners and authenticators on {@code context}. */
    void start(NodeContext context) throws Exception;

    /** Releases the feature's resources; must not throw. */
    default void close() {}
}
