package io.synod.crypto.sign;

import io.synod.crypto.TestClusters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignVerifyTest {

    private final TestClusters cluster = TestClusters.of(4);
    private final Verifier verifier = new Ed25519Verifier(cluster.keys());
    private final Signer node1 = cluster.signer(1);

    private static SignBytes prepare(long view, long seq) {
        return SignBytes.builder(Domain.PREPARE).putLong(1).putLong(view).putLong(seq).putString("payload").build();
    }

    @Test
    void aSignatureVerifiesForItsSignerAndBytes() {
        Signature signature = node1.sign(prepare(3, 9));
        assertThat(node1.nodeId()).isEqualTo(1);
        assertThat(verifier.verify(1, prepare(3, 9), signature)).isTrue();
        assertThat(node1.sign(prepare(3, 9))).as("Ed25519 is deterministic").isEqualTo(signature);
    }

    @Test
    void tamperedBytesDoNotVerify() {
        Signature signature = node1.sign(prepare(3, 9));
        assertThat(verifier.verify(1, prepare(3, 10), signature)).isFalse();
        assertThat(verifier.verify(1, prepare(4, 9), signature)).isFalse();
    }

    @Test
    void tamperedSignaturesDoNotVerify() {
        byte[] good = node1.sign(prepare(3, 9)).bytes();
        for (int i = 0; i < Signature.SIZE; i += 7) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThat(verifier.verify(1, prepare(3, 9), Signature.of(bad))).as("bit flipped in byte %d", i).isFalse();
        }
        assertThat(verifier.verify(1, prepare(3, 9), Signature.of(new byte[Signature.SIZE]))).isFalse();
    }

    @Test
    void anotherNodesKeyOrANonMemberDoesNotVerify() {
        Signature signature = node1.sign(prepare(3, 9));
        assertThat(verifier.verify(2, prepare(3, 9), signature)).isFalse();
        assertThat(verifier.verify(99, prepare(3, 9), signature)).isFalse();
        Verifier otherCluster = new Ed25519Verifier(TestClusters.of(4, 43).keys());
        assertThat(otherCluster.verify(1, prepare(3, 9), signature)).isFalse();
    }

    @Test
    void aSignatureForOneKindNeverVerifiesAsAnother() {
        SignBytes asPrepare = SignBytes.builder(Domain.PREPARE).putLong(1).putLong(3).putLong(9).build();
        SignBytes asCommit = SignBytes.builder(Domain.COMMIT).putLong(1).putLong(3).putLong(9).build();
        Signature signature = node1.sign(asPrepare);
        assertThat(verifier.verify(1, asPrepare, signature)).isTrue();
        assertThat(verifier.verify(1, asCommit, signature)).isFalse();
    }

    @Test
    void signaturesHave64Bytes() {
        assertThatThrownBy(() -> Signature.of(new byte[63])).hasMessage("an Ed25519 signature has 64 bytes, not 63");
        Signature signature = node1.sign(prepare(1, 1));
        assertThat(Signature.of(signature.bytes())).isEqualTo(signature).hasSameHashCodeAs(signature);
    }
}
