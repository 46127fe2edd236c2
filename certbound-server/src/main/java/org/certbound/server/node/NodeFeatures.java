package org.certbound.server.node;

import java.util.List;
import org.certbound.server.security.file.FileRealmFeature;

/** The node's features in start order; each feature adds one line here. */
public final class NodeFeatures {

    private NodeFeatures() {}

    /** Returns new instances of every feature. */
    public static List<NodeFeature> all() {
        return List.of(new CoreRestFeature(), new FileRealmFeature());
    }
}
