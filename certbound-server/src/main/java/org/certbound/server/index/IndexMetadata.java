package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.certbound.server.index.mapping.MappingParser;
import org.certbound.server.index.mapping.Mappings;

/**
 * The definition of an index apart from its documents: name, UUID, creation time, settings and mapping. It is stored as
 * {@code <data>/indices/<uuid>/index-metadata.json}, replaced atomically and synced on every change.
 *
 * @param name the index name
 * @param uuid the index UUID, also the name of its directory
 * @param creationDate the creation time in epoch milliseconds
 * @param settings the index settings
 * @param mappings the current mapping, dynamic fields included
 */
public record IndexMetadata(String name, String uuid, long creationDate, IndexSettings settings, Mappings mappings) {
    /** The metadata file name inside an index directory. */
    public static final String FILE_NAME = "index-metadata.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Returns a copy with another mapping. */
    public IndexMetadata withMappings(Mappings newMappings) {
        return new IndexMetadata(name, uuid, creationDate, settings, newMappings);
    }

    /** Renders the metadata as stored on disk. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("uuid", uuid);
        json.put("creation_date", creationDate);
        json.set("settings", settings.toJson(name, uuid, creationDate));
        json.set("mappings", mappings.toJson());
        return json;
    }

    /** Writes the metadata into an index directory: a temporary file, synced, then moved over the old one. */
    public void write(Path indexDirectory) {
        Path target = indexDirectory.resolve(FILE_NAME);
        Path temporary = indexDirectory.resolve(FILE_NAME + ".tmp");
        try {
            Files.write(temporary, MAPPER.writeValueAsBytes(toJson()));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(indexDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write index metadata [" + target + "]", e);
        }
    }

    /** Reads the metadata of an index directory. */
    public static IndexMetadata read(Path indexDirectory) throws IOException {
        JsonNode json = MAPPER.readTree(indexDirectory.resolve(FILE_NAME).toFile());
        JsonNode settings = json.get("settings").get("index").deepCopy();
        ((ObjectNode) settings).remove(java.util.List.of("creation_date", "uuid", "provided_name"));
        return new IndexMetadata(
                json.get("name").asText(),
                json.get("uuid").asText(),
                json.get("creation_date").asLong(),
                IndexSettings.parse(settings),
                MappingParser.parse(json.get("mappings")));
    }

    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; the file itself was synced.
        }
    }
}
