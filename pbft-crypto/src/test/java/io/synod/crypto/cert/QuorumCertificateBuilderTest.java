package io.synod.crypto.cert;

import io.synod.crypto.TestClusters;
import io.synod.crypto.cert.QuorumCertificateBuilder.AddResult;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.crypto.sign.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.synod.crypto.cert.CertificateFixtures.COMMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuorumCertificateBuilderTest {

    private final TestClusters cluster = TestClusters.of(4);

    private QuorumCertificateBuilder builder(TestClusters c) {
        return new QuorumCertificateBuilder(COMMIT, c.keys(), new Ed25519Verifier(c.keys()));
    }

    private Signature sig(TestClusters c, long id) {
        return c.signer(id).sign(COMMIT.signBytes());
    }

    @ParameterizedTest(name = "n = {0} completes at {1}")
    @CsvSource({"4, 3", "7, 5", "10, 7"})
    void completesAtExactlyTwoFPlusOneDistinctMembers(int n, int quorum) {
        TestClusters c = TestClusters.of(n);
        QuorumCertificateBuilder b = builder(c);
        for (long id = 1; id < quorum; id++) {
            assertThat(b.add(id, sig(c, id))).isEqualTo(AddResult.ACCEPTED);
            assertThat(b.isComplete()).as("after %d signatures", id).isFalse();
            assertThat(b.add(id, sig(c, id))).isEqualTo(AddResult.DUPLICATE);
        }
        assertThat(b.missing()).isEqualTo(1);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only " + (quorum - 1) + " of the " + quorum);
        assertThat(b.add(quorum, sig(c, quorum))).isEqualTo(AddResult.ACCEPTED);
        assertThat(b.isComplete()).isTrue();
        assertThat(b.missing()).isZero();
        QuorumCertificate certificate = b.build();
        assertThat(certificate.size()).isEqualTo(quorum);
        assertThat(certificate.statement()).isEqualTo(COMMIT);
    }

    @Test
    void duplicatesDoNotCountTowardsTheQuorum() {
        QuorumCertificateBuilder b = builder(cluster);
        for (int i = 0; i < 5; i++) {
            b.add(1, sig(cluster, 1));
            b.add(2, sig(cluster, 2));
        }
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.isComplete()).isFalse();
    }

    @Test
    void nonMembersAreIgnoredEvenWithValidSignatures() {
        TestClusters bigger = TestClusters.of(7);
        QuorumCertificateBuilder b = builder(cluster);
        assertThat(b.add(5, sig(bigger, 5))).isEqualTo(AddResult.UNKNOWN_MEMBER);
        assertThat(b.add(0, sig(cluster, 1))).isEqualTo(AddResult.UNKNOWN_MEMBER);
        assertThat(b.count()).isZero();
    }

    @Test
    void badSignaturesAreRefusedAndTheMemberMayStillSignProperly() {
        QuorumCertificateBuilder b = builder(cluster);
        assertThat(b.add(1, sig(cluster, 2))).isEqualTo(AddResult.INVALID_SIGNATURE);
        Signature otherStatement = cluster.signer(1).sign(new Statement(COMMIT.kind(), 1, 2, 18, COMMIT.digest())
                .signBytes());
        assertThat(b.add(1, otherStatement)).isEqualTo(AddResult.INVALID_SIGNATURE);
        assertThat(b.count()).isZero();
        assertThat(b.add(1, sig(cluster, 1))).isEqualTo(AddResult.ACCEPTED);
    }

    @Test
    void signaturesBeyondTheQuorumAreNotNeeded() {
        QuorumCertificateBuilder b = builder(cluster);
        for (long id = 1; id <= 3; id++) {
            b.add(id, sig(cluster, id));
        }
        assertThat(b.add(4, sig(cluster, 4))).isEqualTo(AddResult.NOT_NEEDED);
        assertThat(b.add(4, sig(cluster, 1))).as("not even verified").isEqualTo(AddResult.NOT_NEEDED);
        assertThat(b.add(2, sig(cluster, 2))).isEqualTo(AddResult.DUPLICATE);
        assertThat(b.build().signers()).containsExactly(1L, 2L, 3L);
    }
}
