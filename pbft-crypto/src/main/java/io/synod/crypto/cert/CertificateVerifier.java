package io.synod.crypto.cert;

import io.synod.crypto.batch.BatchVerifier;
import io.synod.crypto.batch.SignedMessage;
import io.synod.crypto.cert.InvalidCertificateException.Reason;
import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a received certificate proves what it claims: it certifies the expected
 * statement, every signer is a member (distinct by construction), a quorum signed, and every
 * signature verifies. A certificate with one bad signature is refused even if the good ones would
 * make a quorum: an honest collector never includes one, so it marks a faulty sender.
 */
public final class CertificateVerifier {

    private final ClusterKeys members;
    private final BatchVerifier signatures;

    public CertificateVerifier(ClusterKeys members, BatchVerifier signatures) {
        this.members = members;
        this.signatures = signatures;
    }

    /**
     * Checks a certificate that must certify exactly {@code expected}.
     *
     * @throws InvalidCertificateException saying what is wrong
     */
    public void verify(QuorumCertificate certificate, Statement expected) throws InvalidCertificateException {
        if (!certificate.statement().equals(expected)) {
            throw new InvalidCertificateException(Reason.WRONG_STATEMENT, "certificate is for "
                    + certificate.statement() + " but " + expected + " was expected");
        }
        verifySignatures(certificate);
    }

    /**
     * Checks a certificate whose view, sequence and digest are learned from it (a prepared
     * certificate inside a view change, say); only its kind and group are fixed.
     *
     * @throws InvalidCertificateException saying what is wrong
     */
    public void verify(QuorumCertificate certificate, Domain kind, long groupId) throws InvalidCertificateException {
        Statement s = certificate.statement();
        if (!s.kind().equals(kind) || s.groupId() != groupId) {
            throw new InvalidCertificateException(Reason.WRONG_STATEMENT, "certificate is for " + s.kind()
                    + " in group " + s.groupId() + " but " + kind + " in group " + groupId + " was expected");
        }
        verifySignatures(certificate);
    }

    private void verifySignatures(QuorumCertificate certificate) throws InvalidCertificateException {
        List<Long> strangers = certificate.signers().stream().filter(id -> !members.isMember(id)).toList();
        if (!strangers.isEmpty()) {
            throw new InvalidCertificateException(Reason.UNKNOWN_SIGNER, "certificate signed by "
                    + (strangers.size() == 1 ? "node " : "nodes ") + join(strangers)
                    + ", not members of the cluster " + members.memberIds());
        }
        if (certificate.size() < members.quorumSize()) {
            throw new InvalidCertificateException(Reason.TOO_FEW_SIGNATURES, "certificate has "
                    + certificate.size() + " signatures, a quorum of " + members.size() + " members needs "
                    + members.quorumSize());
        }
        SignBytes signed = certificate.statement().signBytes();
        List<SignedMessage> claims = new ArrayList<>(certificate.size());
        for (Map.Entry<Long, Signature> e : certificate.signatures().entrySet()) {
            claims.add(new SignedMessage(e.getKey(), signed, e.getValue()));
        }
        BitSet valid = signatures.verifyAll(claims);
        if (valid.cardinality() != claims.size()) {
            List<Long> bad = new ArrayList<>();
            for (int i = valid.nextClearBit(0); i < claims.size(); i = valid.nextClearBit(i + 1)) {
                bad.add(claims.get(i).nodeId());
            }
            throw new InvalidCertificateException(Reason.BAD_SIGNATURE, "certificate for "
                    + certificate.statement() + " has bad signatures from " + (bad.size() == 1 ? "node " : "nodes ")
                    + join(bad));
        }
    }

    private static String join(List<Long> ids) {
        return ids.size() == 1 ? ids.get(0).toString() : ids.toString();
    }
}
