package org.certbound.server.index.aggs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A HyperLogLog sketch with 2^14 one-byte registers (16 KiB), for {@code cardinality} above its precision threshold.
 * The standard error of the estimate is about 0.8%. Two sketches merge by taking the larger register, so the sketches
 * of two clusters give the estimate of the union.
 *
 * <p>Values hash the same on every node (no seed), which merging across clusters needs.
 */
final class HyperLogLog {
    static final int PRECISION = 14;
    private static final int REGISTERS = 1 << PRECISION;
    /** The memory a sketch holds, for the request's memory budget. */
    static final int BYTES = REGISTERS + 64;

    private static final int MAX_RANK = 64 - PRECISION + 1;

    private final byte[] registers;

    HyperLogLog() {
        this.registers = new byte[REGISTERS];
    }

    private HyperLogLog(byte[] registers) {
        this.registers = registers;
    }

    /** Adds a keyword value. */
    void add(String value) {
        addHash(hash(value));
    }

    /** Adds a numeric value in its raw long form. */
    void add(long value) {
        addHash(mix(value));
    }

    void addHash(long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        int rank = Math.min(MAX_RANK, Long.numberOfLeadingZeros(hash << PRECISION) + 1);
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Merges another sketch into this one. */
    void merge(HyperLogLog other) {
        for (int i = 0; i < REGISTERS; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    /** Returns the estimated number of distinct values, with linear counting for small sets. */
    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * (double) REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }

    /** Returns the registers as standard Base64, the partial form sent between clusters. */
    String encode() {
        return Base64.getEncoder().encodeToString(registers);
    }

    /**
     * Reads the form {@link #encode} writes.
     *
     * @throws IllegalArgumentException when the text is not Base64 of exactly 2^14 registers, each within range
     */
    static HyperLogLog decode(String encoded) {
        byte[] registers = Base64.getDecoder().decode(encoded);
        if (registers.length != REGISTERS) {
            throw new IllegalArgumentException(
                    "a cardinality sketch has " + REGISTERS + " registers, got " + registers.length);
        }
        for (byte register : registers) {
            if (register < 0 || register > MAX_RANK) {
                throw new IllegalArgumentException("a cardinality sketch register is out of range");
            }
        }
        return new HyperLogLog(registers);
    }

    /** FNV-1a over the UTF-8 bytes, then the MurmurHash3 finalizer, so that every bit depends on every byte. */
    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    /** Mixes the bits of {@code value} with the 64-bit finalizer of MurmurHash3. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
