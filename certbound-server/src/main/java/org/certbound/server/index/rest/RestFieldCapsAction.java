package org.certbound.server.index.rest;

import java.util.List;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesRequest;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesResponse;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesService;
import org.certbound.server.index.security.IndexAction;
import org.certbound.server.index.security.IndexAuthorization;
import org.certbound.server.rest.RestHandler;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;

/**
 * The handler of {@code _field_caps} over local indices. It needs {@code read} or {@code view_index_metadata} on each
 * index: naming an index without either is a 403, and wildcards resolve only over the indices that have one. Fields
 * that field level security hides are absent. An expression that names a remote cluster goes to the cross-cluster
 * handler.
 */
final class RestFieldCapsAction {
    private final IndicesService indices;
    private final FieldCapabilitiesService fieldCaps;
    private final RestHandler remoteFieldCaps;

    RestFieldCapsAction(IndicesService indices, RestHandler remoteFieldCaps) {
        this.indices = indices;
        this.fieldCaps = new FieldCapabilitiesService(indices);
        this.remoteFieldCaps = remoteFieldCaps;
    }

    RestResponse fieldCaps(RestRequest request) throws Exception {
        String expression = request.param("index");
        if (expression != null && expression.indexOf(':') >= 0) {
            return remoteFieldCaps.handle(request);
        }
        FieldCapabilitiesRequest parsed = FieldCapabilitiesRequest.parse(request.params(), RestSupport.body(request));
        IndexAuthorization authorization = RestSupport.authorization(request);
        List<String> names =
                RestSupport.resolve(indices, authorization, IndexAction.FIELD_CAPS, expression, parsed.options());
        return RestResponse.json(
                200,
                FieldCapabilitiesResponse.render(
                        fieldCaps.collect(
                                names, parsed.fields(), index -> authorization.forIndex(index, IndexAction.FIELD_CAPS)),
                        parsed.includeUnmapped(),
                        List.of()));
    }
}
