package io.synod.crypto.cert;

import io.synod.crypto.TestClusters;
import io.synod.crypto.batch.SequentialBatchVerifier;
import io.synod.crypto.cert.InvalidCertificateException.Reason;
import io.synod.crypto.digest.Digest;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.crypto.sign.Signature;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static io.synod.crypto.cert.CertificateFixtures.COMMIT;
import static io.synod.crypto.cert.CertificateFixtures.signedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CertificateVerifierTest {

    private final TestClusters cluster = TestClusters.of(4);
    private final CertificateVerifier verifier = new CertificateVerifier(cluster.keys(),
            new SequentialBatchVerifier(new Ed25519Verifier(cluster.keys())));

    @Test
    void acceptsAQuorumOfValidSignatures() {
        assertThatCode(() -> verifier.verify(signedBy(cluster, COMMIT, 1, 3, 4), COMMIT)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(signedBy(cluster, COMMIT, 1, 2, 3, 4), COMMIT.kind(), 1))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesACertificateForAnotherStatement() {
        QuorumCertificate certificate = signedBy(cluster, COMMIT, 1, 2, 3);
        for (Statement other : new Statement[] {
            new Statement(Domain.PREPARE, 1, 2, 17, COMMIT.digest()),
            new Statement(Domain.COMMIT, 2, 2, 17, COMMIT.digest()),
            new Statement(Domain.COMMIT, 1, 3, 17, COMMIT.digest()),
            new Statement(Domain.COMMIT, 1, 2, 16, COMMIT.digest()),
            new Statement(Domain.COMMIT, 1, 2, 17, Digest.sha256(new byte[0])),
        }) {
            InvalidCertificateException e = refusal(certificate, other);
            assertThat(e.reason()).as(other.toString()).isEqualTo(Reason.WRONG_STATEMENT);
            assertThat(e).hasMessageContaining("certificate is for " + COMMIT + " but " + other + " was expected");
        }
        InvalidCertificateException byKind = catchThrowableOfType(InvalidCertificateException.class,
                () -> verifier.verify(certificate, Domain.PREPARE, 1));
        assertThat(byKind.reason()).isEqualTo(Reason.WRONG_STATEMENT);
        assertThat(byKind).hasMessage("certificate is for pbft.commit.v1 in group 1 but pbft.prepare.v1 in group 1"
                + " was expected");
    }

    @Test
    void refusesTooFewSigners() {
        InvalidCertificateException e = refusal(signedBy(cluster, COMMIT, 2, 4), COMMIT);
        assertThat(e.reason()).isEqualTo(Reason.TOO_FEW_SIGNATURES);
        assertThat(e).hasMessage("certificate has 2 signatures, a quorum of 4 members needs 3");
    }

    @Test
    void refusesSignersOutsideTheCluster() {
        TestClusters bigger = TestClusters.of(7);
        InvalidCertificateException e = refusal(signedBy(bigger, COMMIT, 1, 2, 3, 6), COMMIT);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SIGNER);
        assertThat(e).hasMessage("certificate signed by node 6, not members of the cluster [1, 2, 3, 4]");
    }

    @Test
    void refusesABadSignatureEvenWhenTheGoodOnesMakeAQuorum() {
        Map<Long, Signature> signatures = new TreeMap<>(signedBy(cluster, COMMIT, 1, 2, 3, 4).signatures());
        signatures.put(2L, cluster.signer(2).sign(new Statement(Domain.PREPARE, 1, 2, 17, COMMIT.digest())
                .signBytes()));
        signatures.put(4L, signatures.get(1L));
        InvalidCertificateException e = refusal(new QuorumCertificate(COMMIT, signatures), COMMIT);
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e).hasMessageEndingWith("has bad signatures from nodes [2, 4]");
    }

    private InvalidCertificateException refusal(QuorumCertificate certificate, Statement expected) {
        return catchThrowableOfType(InvalidCertificateException.class, () -> verifier.verify(certificate, expected));
    }
}
