package io.synod.crypto.sign;

import io.synod.crypto.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingVerifierTest {

    private final TestClusters cluster = TestClusters.of(4);
    private final AtomicInteger calls = new AtomicInteger();
    private final Verifier real = new Ed25519Verifier(cluster.keys());
    private final Verifier counting = (id, bytes, sig) -> {
        calls.incrementAndGet();
        return real.verify(id, bytes, sig);
    };

    private static SignBytes commit(long seq) {
        return SignBytes.builder(Domain.COMMIT).putLong(seq).build();
    }

    @Test
    void aVerifiedSignatureIsCheckedOnce() {
        CachingVerifier cache = new CachingVerifier(counting, 100);
        Signature signature = cluster.signer(2).sign(commit(1));
        assertThat(cache.verify(2, commit(1), signature)).isTrue();
        assertThat(cache.verify(2, commit(1), signature)).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aHitNeedsTheSameSignerBytesAndSignature() {
        CachingVerifier cache = new CachingVerifier(counting, 100);
        Signature signature = cluster.signer(2).sign(commit(1));
        assertThat(cache.verify(2, commit(1), signature)).isTrue();
        assertThat(cache.verify(3, commit(1), signature)).isFalse();
        assertThat(cache.verify(2, commit(2), signature)).isFalse();
        assertThat(cache.verify(2, commit(1), cluster.signer(3).sign(commit(1)))).isFalse();
    }

    @Test
    void failuresAreNeverRemembered() {
        CachingVerifier cache = new CachingVerifier(counting, 100);
        Signature wrong = cluster.signer(3).sign(commit(1));
        assertThat(cache.verify(2, commit(1), wrong)).isFalse();
        assertThat(cache.verify(2, commit(1), wrong)).isFalse();
        assertThat(calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsAtMostCapacityEntriesDroppingTheLeastRecentlyUsed() {
        CachingVerifier cache = new CachingVerifier(counting, 2);
        Signature s1 = cluster.signer(1).sign(commit(1));
        Signature s2 = cluster.signer(1).sign(commit(2));
        Signature s3 = cluster.signer(1).sign(commit(3));
        cache.verify(1, commit(1), s1);
        cache.verify(1, commit(2), s2);
        cache.verify(1, commit(1), s1); // 1 is now more recent than 2
        cache.verify(1, commit(3), s3); // evicts 2
        assertThat(cache.size()).isEqualTo(2);
        calls.set(0);
        cache.verify(1, commit(1), s1);
        assertThat(calls).hasValue(0);
        cache.verify(1, commit(2), s2);
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> new CachingVerifier(real, 0)).hasMessageContaining("positive");
    }
}
