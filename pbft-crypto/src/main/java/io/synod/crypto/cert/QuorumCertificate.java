package io.synod.crypto.cert;

import io.synod.crypto.key.NodeIds;
import io.synod.crypto.sign.Signature;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Signatures of distinct members over one {@link Statement}. A value: it says nothing about
 * whether the signatures are good. Certificates come from a {@link QuorumCertificateBuilder}
 * (which checked each signature) or from {@link CertificateCodec#decode}, and a received one is
 * trusted only after {@link CertificateVerifier#verify}.
 */
public final class QuorumCertificate {

    private final Statement statement;
    private final NavigableMap<Long, Signature> signatures;

    /**
     * @throws IllegalArgumentException if there are no signatures or a signer id is not positive
     */
    public QuorumCertificate(Statement statement, Map<Long, Signature> signatures) {
        this.statement = Objects.requireNonNull(statement, "statement");
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one signature");
        }
        NavigableMap<Long, Signature> sorted = new TreeMap<>();
        signatures.forEach((id, sig) -> sorted.put(NodeIds.check(id), Objects.requireNonNull(sig)));
        this.signatures = Collections.unmodifiableNavigableMap(sorted);
    }

    public Statement statement() {
        return statement;
    }

    /** Each signer's signature, in ascending signer order. */
    public NavigableMap<Long, Signature> signatures() {
        return signatures;
    }

    public SortedSet<Long> signers() {
        return signatures.navigableKeySet();
    }

    public int size() {
        return signatures.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuorumCertificate other && statement.equals(other.statement)
                && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return 31 * statement.hashCode() + signatures.hashCode();
    }

    @Override
    public String toString() {
        return "QuorumCertificate{" + statement + ", signers " + signatures.keySet() + "}";
    }
}
