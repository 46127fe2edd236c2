package org.certbound.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in an embedded H2 database at {@code <data>/state/certbound.mv.db}.
 *
 * <p>The schema is versioned in the table {@code schema_version}; opening a database applies the missing
 * migrations in order and rejects a database written by a newer certbound. Each write commits with H2's write
 * delay set to 0, so the change is in the file before the method returns.
 */
public final class H2StateStore implements StateStore {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final Logger logger = LoggerFactory.getLogger(H2StateStore.class);

    private static final String[] MIGRATIONS = {
        // 1: one table of versioned JSON documents.
        "CREATE TABLE documents (collection VARCHAR(128) NOT NULL, id VARCHAR(512) NOT NULL,"
                + " json CHARACTER LARGE OBJECT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (collection, id))"
    };

    private static final String DUPLICATE_KEY_STATE = "23505";

    private final Path databaseFile;
    private final JdbcConnectionPool pool;

    private H2StateStore(Path databaseFile, JdbcConnectionPool pool) {
        this.databaseFile = databaseFile;
        this.pool = pool;
    }

    /**
     * Opens or creates the store under {@code <dataDir>/state/}.
     *
     * @throws StateStoreException when the database cannot be opened or its schema is newer than this code
     */
    public static H2StateStore open(Path dataDir) {
        Path stateDir = dataDir.toAbsolutePath().resolve("state");
        try {
            Files.createDirectories(stateDir);
        } catch (java.io.IOException e) {
            throw new StateStoreException("failed to create the state directory [" + stateDir + "]", e);
        }
        Path base = stateDir.resolve("certbound");
        // FILE_LOCK=FILE keeps a second process off the same database; WRITE_DELAY=0 writes on each commit.
        String url = "jdbc:h2:file:" + base + ";FILE_LOCK=FILE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "certbound", "");
        pool.setMaxConnections(8);
        H2StateStore store = new H2StateStore(Path.of(base + ".mv.db"), pool);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return store;
    }

    /** Returns the database file. */
    public Path databaseFile() {
        return databaseFile;
    }

    private void migrate() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
            int current = 0;
            try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            if (current > SCHEMA_VERSION) {
                throw new StateStoreException(
                        "the state store [" + databaseFile + "] has schema version [" + current
                                + "], newer than the supported [" + SCHEMA_VERSION + "]; run a newer certbound",
                        null);
            }
            for (int version = current + 1; version <= SCHEMA_VERSION; version++) {
                statement.execute(MIGRATIONS[version - 1]);
                statement.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                logger.info("migrated state store [{}] to schema version [{}]", databaseFile, version);
            }
        } catch (SQLException e) {
            throw new StateStoreException("failed to open the state store [" + databaseFile + "]", e);
        }
    }

    @Override
    public Optional<StoredDocument> get(String collection, String id) {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT json, version FROM documents WHERE collection = ? AND id = ?")) {
            select.setString(1, collection);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredDocument(collection, id, rs.getString(1), rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw failure("read", collection, id, e);
        }
    }

    @Override
    public List<StoredDocument> list(String collection) {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, json, version FROM documents WHERE collection = ? ORDER BY id")) {
            select.setString(1, collection);
            List<StoredDocument> documents = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    documents.add(new StoredDocument(collection, rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw failure("list", collection, "*", e);
        }
    }

    @Override
    public StoredDocument put(String collection, String id, String json, OptionalLong expectedVersion) {
        try {
            return putOnce(collection, id, json, expectedVersion);
        } catch (DuplicateInsertException e) {
            // Another writer created the document between our read and our insert.
            if (expectedVersion.isPresent()) {
                throw new VersionConflictException(collection, id, expectedVersion.getAsLong(), 1);
            }
            return putOnce(collection, id, json, expectedVersion);
        }
    }

    private StoredDocument putOnce(String collection, String id, String json, OptionalLong expectedVersion) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                StoredDocument written = putInTransaction(connection, collection, id, json, expectedVersion);
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", collection, id, e);
        }
    }

    private static StoredDocument putInTransaction(
            Connection connection, String collection, String id, String json, OptionalLong expectedVersion)
            throws SQLException {
        long current = currentVersionForUpdate(connection, collection, id);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current) {
            throw new VersionConflictException(collection, id, expectedVersion.getAsLong(), current);
        }
        long next = current + 1;
        String sql = current == 0
                ? "INSERT INTO documents (json, version, collection, id) VALUES (?, ?, ?, ?)"
                : "UPDATE documents SET json = ?, version = ? WHERE collection = ? AND id = ?";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, json);
            write.setLong(2, next);
            write.setString(3, collection);
            write.setString(4, id);
            write.executeUpdate();
        } catch (SQLException e) {
            if (current == 0 && DUPLICATE_KEY_STATE.equals(e.getSQLState())) {
                throw new DuplicateInsertException();
            }
            throw e;
        }
        return new StoredDocument(collection, id, json, next);
    }

    private static long currentVersionForUpdate(Connection connection, String collection, String id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version FROM documents WHERE collection = ? AND id = ? FOR UPDATE")) {
            select.setString(1, collection);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public boolean delete(String collection, String id) {
        try (Connection connection = pool.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM documents WHERE collection = ? AND id = ?")) {
            delete.setString(1, collection);
            delete.setString(2, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete", collection, id, e);
        }
    }

    @Override
    public void close() {
        pool.dispose();
        logger.debug("closed state store [{}]", databaseFile);
    }

    private StateStoreException failure(String operation, String collection, String id, SQLException e) {
        return new StateStoreException(
                "failed to " + operation + " [" + collection + "/" + id + "] in the state store [" + databaseFile + "]",
                e);
    }

    /** Signals that a concurrent insert won the race for a new document id. */
    private static final class DuplicateInsertException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateInsertException() {
            super(null, null, false, false);
        }
    }
}
