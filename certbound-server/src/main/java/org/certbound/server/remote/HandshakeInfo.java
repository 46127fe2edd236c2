package org.certbound.server.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the handshake returns about a remote cluster: its name, which signatures are bound to, its id,
 * and the remote cluster server addresses of its nodes for sniff mode.
 *
 * @param clusterName the remote cluster's {@code cluster.name}
 * @param clusterUuid the remote cluster's id
 * @param nodeName the name of the node that answered
 * @param version the version the remote node reports
 * @param nodeAddresses the {@code host:port} remote cluster server addresses of the remote nodes
 */
public record HandshakeInfo(
        String clusterName, String clusterUuid, String nodeName, String version, List<String> nodeAddresses) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the address list. */
    public HandshakeInfo {
        nodeAddresses = List.copyOf(nodeAddresses);
    }

    /** Renders the handshake response body. */
    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cluster_name", clusterName);
        root.put("cluster_uuid", clusterUuid);
        root.put("node_name", nodeName);
        root.put("version", version);
        var nodes = root.putArray("nodes");
        nodeAddresses.forEach(address -> nodes.addObject().put("remote_cluster_address", address));
        return root;
    }

    /**
     * Parses a handshake response body.
     *
     * @param body the JSON body
     * @return the handshake info
     * @throws IllegalArgumentException when {@code cluster_name} is missing or the body is not JSON
     */
    public static HandshakeInfo parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the handshake response is not JSON", e);
        }
        String clusterName = root.path("cluster_name").asText("");
        if (clusterName.isEmpty()) {
            throw new IllegalArgumentException("the handshake response has no [cluster_name]");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode node : root.path("nodes")) {
            String address = node.path("remote_cluster_address").asText("");
            if (!address.isEmpty()) {
                addresses.add(address);
            }
        }
        return new HandshakeInfo(
                clusterName,
                root.path("cluster_uuid").asText(""),
                root.path("node_name").asText(""),
                root.path("version").asText(""),
                addresses);
    }
}
