package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import org.certbound.server.common.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyRequestsTest {
    private static final String ACCESS = "'access':{'search':[{'names':['logs-*']}]}";

    @Test
    void createCrossCluster_full_parses() {
        var request = CreateCrossClusterApiKeyRequest.parse(Json.parse(
                "{'name':'k'," + ACCESS + ",'expiration':'30d','metadata':{'a':1},'certificate_identity':'CN=a'}"));

        assertThat(request.name()).isEqualTo("k");
        assertThat(request.expiration()).isEqualTo(Duration.ofDays(30));
        assertThat(request.certificateIdentity()).isEqualTo("CN=a");
        assertThat(request.metadata().get("a").intValue()).isEqualTo(1);
    }

    @Test
    void createCrossCluster_escapedBackslashes_keptExactly() throws JsonProcessingException {
        String body = "{\"name\":\"k\",\"access\":{\"search\":[{\"names\":[\"a\"]}]},"
                + "\"certificate_identity\":\"CN=node-1\\\\.example\\\\.com,OU=Search,O=Example\"}";

        var request = CreateCrossClusterApiKeyRequest.parse(Json.raw(body));

        assertThat(request.certificateIdentity()).isEqualTo("CN=node-1\\.example\\.com,OU=Search,O=Example");
    }

    @Test
    void jsonParser_illegalBackslashEscape_rejected() {
        String body = "{\"certificate_identity\":\"CN=node-1\\.example\\.com\"}";

        assertThatThrownBy(() -> Json.raw(body)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void createCrossCluster_missingAccess_rejected() {
        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(Json.parse("{'name':'k'}")))
                .hasMessageContaining("requires [access]");
    }

    @Test
    void createCrossCluster_identityNotString_rejected() {
        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(
                        Json.parse("{'name':'k'," + ACCESS + ",'certificate_identity':5}")))
                .hasMessageContaining("[certificate_identity] must be a string");
    }

    @Test
    void createCrossCluster_blankIdentity_rejected() {
        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(
                        Json.parse("{'name':'k'," + ACCESS + ",'certificate_identity':'  '}")))
                .hasMessageContaining("[certificate_identity] must not be empty");
    }

    @Test
    void createCrossCluster_unknownField_rejected() {
        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(
                        Json.parse("{'name':'k'," + ACCESS + ",'role_descriptors':{}}")))
                .isInstanceOf(ApiKeyParseException.class)
                .hasMessageContaining("unknown field [role_descriptors]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{'access':{}}", "{'name':''}", "{'name':'  '}", "{'name':'_x'}", "{'name':' x'}", "{'name':5}"})
    void createCrossCluster_badName_rejected(String body) {
        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(Json.parse(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    void create_nameTooLong_namesMaximum() {
        String name = "n".repeat(1025);

        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'" + name + "'}")))
                .hasMessageContaining("maximum is [1024]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'0d'", "'30'", "'-1d'", "'30 days'", "5", "'99999999999999999999d'"})
    void create_badExpiration_rejected(String expiration) {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'k','expiration':" + expiration + "}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiration");
    }

    @Test
    void create_expirationUnits_parsed() {
        assertThat(CreateApiKeyRequest.parse(Json.parse("{'name':'k','expiration':'1500ms'}"))
                        .expiration())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(CreateApiKeyRequest.parse(Json.parse("{'name':'k','expiration':'2h'}"))
                        .expiration())
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void create_reservedMetadataKey_rejected() {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'k','metadata':{'_x':1}}")))
                .hasMessageContaining("[metadata] keys must not start with [_]")
                .hasMessageContaining("_x");
    }

    @Test
    void create_certificateIdentityOnRestKey_rejected() {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'k','certificate_identity':'CN=a'}")))
                .hasMessageContaining("only valid for cross-cluster API keys");
    }

    @Test
    void create_unknownQueryClause_rejected() {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'k','role_descriptors':{'r':"
                        + "{'indices':[{'names':['a'],'privileges':['read']},"
                        + "{'names':['b'],'privileges':['read'],'query':{'nope':{}}}]}}}")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("role [r]")
                .hasMessageContaining("[indices[1].query] is not a valid query: unknown query [nope]");
    }

    @Test
    void update_roleDescriptorWithUnknownRemoteQueryClause_rejected() {
        assertThatThrownBy(() -> UpdateApiKeyRequest.parse(Json.parse("{'role_descriptors':{'r':"
                        + "{'remote_indices':[{'clusters':['rc1'],'names':['b'],'privileges':['read'],"
                        + "'query':{'nope':{}}}]}}}")))
                .hasMessageContaining("[remote_indices[0].query] is not a valid query");
    }

    @Test
    void create_roleDescriptorWithValidQuery_accepted() {
        CreateApiKeyRequest request = CreateApiKeyRequest.parse(Json.parse("{'name':'k','role_descriptors':{'r':"
                + "{'indices':[{'names':['a'],'privileges':['read'],"
                + "'query':{'bool':{'filter':[{'term':{'tenant':'t1'}}]}}}]}}}"));

        assertThat(request.roleDescriptors()
                        .at("/r/indices/0/query/bool/filter/0/term/tenant")
                        .asText())
                .isEqualTo("t1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00", "x\\ud83d"})
    void create_nameWithUnpairedSurrogate_rejected(String escaped) throws JsonProcessingException {
        String body = "{\"name\":\"" + escaped + "\"," + ACCESS.replace('\'', '"') + "}";

        assertThatThrownBy(() -> CreateCrossClusterApiKeyRequest.parse(Json.raw(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[name] is not valid Unicode: it has an unpaired surrogate");
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.raw("{\"name\":\"" + escaped + "\"}")))
                .hasMessageContaining("[name] is not valid Unicode");
    }

    @Test
    void create_nameWithLoneHighSurrogate_namesTheIndex() {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.raw("{\"name\":\"ab\\ud800\"}")))
                .hasMessage("[name] is not valid Unicode: it has an unpaired surrogate [\\ud800] at index [2]");
    }

    @Test
    void create_nameWithSurrogatePair_accepted() throws JsonProcessingException {
        CreateApiKeyRequest request = CreateApiKeyRequest.parse(Json.raw("{\"name\":\"key \\ud83d\\ude00\"}"));

        assertThat(request.name()).isEqualTo("key \uD83D\uDE00");
    }

    @Test
    void create_roleDescriptorNotObject_rejected() {
        assertThatThrownBy(() -> CreateApiKeyRequest.parse(Json.parse("{'name':'k','role_descriptors':{'r':[]}}")))
                .hasMessageContaining("role descriptor object");
    }

    @Test
    void updateCrossCluster_identityStates_distinguished() {
        var absent = UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'metadata':{}}"));
        var removed = UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'certificate_identity':null}"));
        var replaced = UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'certificate_identity':'CN=b'}"));

        assertThat(absent.identityChange()).isEqualTo(UpdateCrossClusterApiKeyRequest.IdentityChange.KEEP);
        assertThat(removed.identityChange()).isEqualTo(UpdateCrossClusterApiKeyRequest.IdentityChange.REMOVE);
        assertThat(replaced.identityChange()).isEqualTo(UpdateCrossClusterApiKeyRequest.IdentityChange.REPLACE);
        assertThat(replaced.certificateIdentity()).isEqualTo("CN=b");
    }

    @Test
    void updateCrossCluster_emptyBody_nothingToUpdate() {
        assertThatThrownBy(() -> UpdateCrossClusterApiKeyRequest.parse(Json.parse("{}")))
                .hasMessageContaining("nothing to update");
        assertThatThrownBy(() -> UpdateCrossClusterApiKeyRequest.parse(null)).hasMessageContaining("nothing to update");
    }

    @Test
    void updateCrossCluster_nullExpiration_rejectedExplicitly() {
        assertThatThrownBy(() -> UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'expiration':null}")))
                .hasMessageContaining("[expiration] cannot be removed");
    }

    @Test
    void updateCrossCluster_invalidIdentity_rejected() {
        assertThatThrownBy(() -> UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'certificate_identity':'('}")))
                .hasMessageContaining("[certificate_identity] is not a valid");
    }

    @Test
    void updateCrossCluster_name_rejectedAsUnknown() {
        assertThatThrownBy(() -> UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'name':'x'}")))
                .hasMessageContaining("unknown field [name]");
    }

    @Test
    void update_emptyBody_isValidRefresh() {
        var request = UpdateApiKeyRequest.parse(null);

        assertThat(request.roleDescriptors()).isNull();
        assertThat(request.metadata()).isNull();
    }

    @Test
    void invalidate_noCriteria_rejected() {
        assertThatThrownBy(() -> InvalidateApiKeyRequest.parse(Json.parse("{}")))
                .hasMessageContaining("at least one of [ids, name, username, realm_name, owner]");
    }

    @Test
    void invalidate_ownerWithUsername_rejected() {
        assertThatThrownBy(() -> InvalidateApiKeyRequest.parse(Json.parse("{'owner':true,'username':'u'}")))
                .hasMessageContaining("[owner] cannot be combined");
    }
}
