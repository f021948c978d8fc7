package io.synod.crypto.cert;

import io.synod.crypto.key.ClusterKeys;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Verifier;

import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects members' signatures over one statement until a quorum has signed. Every signature is
 * verified on arrival, at most one per member counts, and non-members are ignored, so whatever
 * Byzantine replicas send, {@link #isComplete()} means a quorum of distinct members really signed.
 * Signatures arriving after that are not verified (a quorum is all a certificate needs, and each
 * verification costs tens of microseconds), so a certificate holds exactly a quorum of signatures.
 * Not thread-safe: one protocol thread feeds it.
 */
public final class QuorumCertificateBuilder {

    /** What became of one offered signature. */
    public enum AddResult {
        /** Verified and counted. */
        ACCEPTED,
        /** This member has already signed; the first signature stays. */
        DUPLICATE,
        /** The signer is not a member of the cluster. */
        UNKNOWN_MEMBER,
        /** The signature is not the member's signature of the statement. */
        INVALID_SIGNATURE,
        /** A quorum has already signed: the signature is ignored without being verified. */
        NOT_NEEDED
    }

    private final Statement statement;
    private final SignBytes signBytes;
    private final ClusterKeys members;
    private final Verifier verifier;
    private final TreeMap<Long, Signature> signatures = new TreeMap<>();

    public QuorumCertificateBuilder(Statement statement, ClusterKeys members, Verifier verifier) {
        this.statement = Objects.requireNonNull(statement, "statement");
        this.signBytes = statement.signBytes();
        this.members = Objects.requireNonNull(members, "members");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Offers {@code nodeId}'s signature of the statement. */
    public AddResult add(long nodeId, Signature signature) {
        if (!members.isMember(nodeId)) {
            return AddResult.UNKNOWN_MEMBER;
        }
        if (signatures.containsKey(nodeId)) {
            return AddResult.DUPLICATE;
        }
        if (isComplete()) {
            return AddResult.NOT_NEEDED;
        }
        if (!verifier.verify(nodeId, signBytes, signature)) {
            return AddResult.INVALID_SIGNATURE;
        }
        signatures.put(nodeId, signature);
        return AddResult.ACCEPTED;
    }

    /** Whether a quorum (2f+1 when n = 3f+1) of distinct members has signed. */
    public boolean isComplete() {
        return signatures.size() >= members.quorumSize();
    }

    /** How many distinct members have signed so far. */
    public int count() {
        return signatures.size();
    }

    /** How many more signatures are needed for a quorum (0 once complete). */
    public int missing() {
        return Math.max(0, members.quorumSize() - signatures.size());
    }

    public Statement statement() {
        return statement;
    }

    /**
     * The certificate: the statement and the quorum's signatures.
     *
     * @throws IllegalStateException if fewer than a quorum have signed
     */
    public QuorumCertificate build() {
        if (!isComplete()) {
            throw new IllegalStateException("only " + signatures.size() + " of the " + members.quorumSize()
                    + " signatures a quorum needs for " + statement);
        }
        return new QuorumCertificate(statement, signatures);
    }
}
