package org.certbound.server.index;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A child process for the durability test: it writes documents forever and prints {@code ACK <id>} after each write
 * returns, until the parent kills it.
 */
public final class DurabilityChild {
    private DurabilityChild() {}

    /** Writes to {@code args[0]}, alternating single-document writes and two-document bulks. */
    public static void main(String[] args) {
        IndicesService indices = IndicesService.open(Path.of(args[0]));
        for (int i = 0; ; i += 3) {
            ObjectNode source =
                    JsonNodeFactory.instance.objectNode().put("n", i).put("text", "document " + i);
            indices.index("durable", "doc-" + i, source, OpType.INDEX, Refresh.FALSE);
            System.out.println("ACK doc-" + i);
            String bulk = "{\"index\":{\"_id\":\"doc-" + (i + 1) + "\"}}\n{\"n\":" + (i + 1) + "}\n"
                    + "{\"index\":{\"_id\":\"doc-" + (i + 2) + "\"}}\n{\"n\":" + (i + 2) + "}\n";
            indices.bulk("durable", bulk, Refresh.FALSE);
            System.out.println("ACK doc-" + (i + 1));
            System.out.println("ACK doc-" + (i + 2));
            System.out.flush();
        }
    }
}
