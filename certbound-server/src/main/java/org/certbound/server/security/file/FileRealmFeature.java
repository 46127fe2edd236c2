package org.certbound.server.security.file;

import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;

/** The file realm: users, their roles and role definitions from files in the config directory. */
public final class FileRealmFeature implements NodeFeature {

    @Override
    public void start(NodeContext context) {}
}
