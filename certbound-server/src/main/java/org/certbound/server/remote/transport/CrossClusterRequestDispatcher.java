package org.certbound.server.remote.transport;

import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;

/**
 * Runs a cross-cluster request that passed the remote cluster server's framing checks: authenticates
 * it, authorizes it and executes the action.
 *
 * <p>The server calls it on a worker thread, never on a Netty event loop, so it may block.
 */
@FunctionalInterface
public interface CrossClusterRequestDispatcher {

    /**
     * Authenticates, authorizes and executes a request.
     *
     * @param request the request as received, with an allowlisted action
     * @return the response to send, including rejections rendered with {@link CrossClusterErrors}
     * @throws Exception on an unexpected failure, which the server turns into a 500 with a generic reason
     */
    CrossClusterResponse dispatch(CrossClusterRequest request) throws Exception;
}
