package org.certbound.server.index.search;

import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.security.IndexAccessControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A node with a small access-log index, shared by the search, aggregation and security tests. */
abstract class SearchFixture {
    static final String MAPPINGS = "{'properties':{"
            + "'@timestamp':{'type':'date'},"
            + "'message':{'type':'text'},"
            + "'method':{'type':'keyword'},"
            + "'path':{'type':'keyword'},"
            + "'status':{'type':'integer'},"
            + "'bytes':{'type':'long'},"
            + "'latency':{'type':'double'},"
            + "'ok':{'type':'boolean'},"
            + "'tenant':{'type':'keyword'},"
            + "'client':{'properties':{'ip':{'type':'keyword'}}}}}";

    @TempDir
    Path data;

    IndicesService indices;
    SearchService search;

    @BeforeEach
    void createIndex() {
        indices = IndicesService.open(data);
        search = new SearchService(indices);
        indices.createIndex("logs", json("{'mappings':" + MAPPINGS + "}"));
        StringBuilder bulk = new StringBuilder();
        doc(
                bulk,
                "1",
                "{'@timestamp':'2024-01-01T10:00:00Z','message':'GET home page','method':'GET','path':'/',"
                        + "'status':200,'bytes':100,'latency':0.5,'ok':true,'tenant':'t1','client':{'ip':'10.0.0.1'}}");
        doc(
                bulk,
                "2",
                "{'@timestamp':'2024-01-01T11:30:00Z','message':'POST login form','method':'POST',"
                        + "'path':'/login','status':302,'bytes':250,'latency':1.5,'ok':true,'tenant':'t1',"
                        + "'client':{'ip':'10.0.0.2'}}");
        doc(
                bulk,
                "3",
                "{'@timestamp':'2024-01-02T09:15:00Z','message':'GET missing page','method':'GET',"
                        + "'path':'/missing','status':404,'bytes':50,'latency':0.25,'ok':false,'tenant':'t2',"
                        + "'client':{'ip':'10.0.0.1'}}");
        doc(
                bulk,
                "4",
                "{'@timestamp':'2024-01-03T23:59:59Z','message':'server error on checkout','method':'POST',"
                        + "'path':'/checkout','status':500,'bytes':0,'latency':3.0,'ok':false,'tenant':'t2',"
                        + "'client':{'ip':'10.0.0.3'}}");
        doc(
                bulk,
                "5",
                "{'@timestamp':'2024-01-05T00:00:00Z','message':'GET home page again','method':'GET',"
                        + "'path':'/','status':200,'bytes':120,'tenant':'t3'}");
        indices.bulk("logs", bulk.toString(), Refresh.TRUE);
    }

    @AfterEach
    void closeIndices() throws Exception {
        indices.close();
    }

    private static void doc(StringBuilder bulk, String id, String source) {
        bulk.append("{\"index\":{\"_id\":\"").append(id).append("\"}}\n");
        bulk.append(json(source).toString()).append('\n');
    }

    ObjectNode search(String body) {
        return search.search("logs", json(body), SearchParameters.NONE);
    }

    ObjectNode search(String body, Map<String, String> parameters) {
        return search.search("logs", json(body), SearchParameters.of(parameters));
    }

    ObjectNode search(String body, IndexAccessControl access) {
        return search.search("logs", json(body), SearchParameters.NONE, access);
    }

    /** Returns the ids of a query's hits, in order. */
    List<String> ids(String query) {
        return hitIds(search("{'query':" + query + ",'size':100}"));
    }

    static List<String> hitIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.at("/hits/hits").forEach(hit -> ids.add(hit.get("_id").asText()));
        return ids;
    }

    IndexException searchFailure(String body) {
        try {
            search(body);
        } catch (IndexException e) {
            return e;
        }
        throw new AssertionError("expected the search to fail: " + body);
    }
}
