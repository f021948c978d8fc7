package io.synod.crypto.cert;

import io.synod.crypto.TestClusters;
import io.synod.crypto.digest.Digest;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.Signature;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Certificates over a fixed COMMIT statement, signed by chosen members. */
final class CertificateFixtures {

    static final Statement COMMIT = new Statement(Domain.COMMIT, 1, 2, 17,
            Digest.sha256("batch 17".getBytes(StandardCharsets.UTF_8)));

    private CertificateFixtures() {
    }

    static QuorumCertificate signedBy(TestClusters cluster, Statement statement, long... signers) {
        Map<Long, Signature> signatures = new TreeMap<>();
        for (long id : signers) {
            signatures.put(id, cluster.signer(id).sign(statement.signBytes()));
        }
        return new QuorumCertificate(statement, signatures);
    }
}
