package org.certbound.benchmarks.apikey;

import java.util.concurrent.TimeUnit;
import org.certbound.server.apikey.ApiKeyHasher;
import org.certbound.server.apikey.ApiKeyTestFixture;
import org.certbound.server.apikey.CrossClusterApiKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-cluster API key authentication, cached and cold, for each stored hash algorithm.
 *
 * <p>{@code cached}: the document and the verified secret are in the node's caches, as for every request after the
 * first. {@code cold}: both caches are emptied before each call, so the call reads the document from an in-memory
 * store (parsing its stored JSON and compiling the certificate identity) and verifies the stored hash. The cold figure
 * leaves out the state store's own I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ApiKeyAuthenticationBenchmark {
    @Param({"SSHA256", "PBKDF2"})
    public String algorithm;

    private ApiKeyTestFixture fixture;
    private char[] encoded;

    /** Creates one key; each benchmark authenticates it. */
    @Setup(Level.Trial)
    public void createKey() {
        fixture = new ApiKeyTestFixture(ApiKeyHasher.Algorithm.valueOf(algorithm));
        encoded = fixture.createCrossClusterKey();
        fixture.authentication().authenticateCrossCluster(encoded);
    }

    /** Authenticates with warm caches. */
    @Benchmark
    public CrossClusterApiKey cached() {
        return fixture.authentication().authenticateCrossCluster(encoded);
    }

    /** Authenticates after emptying the caches. */
    @Benchmark
    public CrossClusterApiKey cold() {
        fixture.clearCaches();
        return fixture.authentication().authenticateCrossCluster(encoded);
    }
}
