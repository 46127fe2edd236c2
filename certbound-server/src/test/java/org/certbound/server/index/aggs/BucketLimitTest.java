package org.certbound.server.index.aggs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.certbound.server.index.IndexException;
import org.junit.jupiter.api.Test;

class BucketLimitTest {

    @Test
    void add_upToMax_passes() {
        BucketLimit limit = new BucketLimit(3);

        limit.add();
        limit.add();
        limit.add();

        assertThat(limit.count()).isEqualTo(3);
        assertThat(limit.remaining()).isZero();
    }

    @Test
    void add_oneOverMax_throwsNamingCountLimitAndSetting() {
        BucketLimit limit = new BucketLimit(2);
        limit.add();
        limit.add();

        IndexException failure = catchThrowableOfType(limit::add, IndexException.class);

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("at least [3] buckets");
        assertThat(failure.reason()).contains("limit of [2]");
        assertThat(failure.reason()).contains("[search.max_buckets]");
        assertThat(limit.count()).isEqualTo(2);
    }

    @Test
    void ensureRoom_exactlyTheRemainder_passesWithoutTaking() {
        BucketLimit limit = new BucketLimit(10);
        limit.add();

        limit.ensureRoom(9);

        assertThat(limit.count()).isEqualTo(1);
    }

    @Test
    void ensureRoom_oneOverTheRemainder_throws() {
        BucketLimit limit = new BucketLimit(10);
        limit.add();

        assertThatThrownBy(() -> limit.ensureRoom(10))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("at least [11] buckets");
    }

    @Test
    void ensureRoom_hugeRequest_reportsWithoutOverflow() {
        BucketLimit limit = new BucketLimit(10);
        limit.add();

        assertThatThrownBy(() -> limit.ensureRoom(Long.MAX_VALUE))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("at least [" + Long.MAX_VALUE + "] buckets");
    }

    @Test
    void constructor_maxBelowOne_throws() {
        assertThatThrownBy(() -> new BucketLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[search.max_buckets] must be at least 1");
    }
}
