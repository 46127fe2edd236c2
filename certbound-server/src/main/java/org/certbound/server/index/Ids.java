package org.certbound.server.index;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** Generators of index UUIDs and automatic document ids, both URL-safe base64 without padding. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(RANDOM.nextInt());
    private static final byte[] NODE_BYTES = randomBytes(6);

    private Ids() {}

    /** Returns a random 22-character index UUID (16 random bytes). */
    public static String indexUuid() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
    }

    /**
     * Returns a 20-character document id made of 15 bytes, as Elasticsearch's automatic ids: a 3-byte sequence, the
     * 6-byte millisecond clock and 6 bytes fixed per process. Ids from one process are unique while the sequence does
     * not wrap within one millisecond.
     */
    public static String documentId() {
        int sequence = SEQUENCE.incrementAndGet() & 0xffffff;
        long time = System.currentTimeMillis();
        byte[] bytes = new byte[15];
        bytes[0] = (byte) sequence;
        bytes[1] = (byte) (sequence >>> 16);
        for (int i = 0; i < 6; i++) {
            bytes[2 + i] = (byte) (time >>> (8 * (5 - i)));
        }
        System.arraycopy(NODE_BYTES, 0, bytes, 8, 6);
        bytes[14] = (byte) (sequence >>> 8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
