package io.synod.crypto.cert;

import io.synod.crypto.TestClusters;
import io.synod.crypto.batch.SequentialBatchVerifier;
import io.synod.crypto.cert.InvalidCertificateException.Reason;
import io.synod.crypto.sign.Ed25519Verifier;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.synod.crypto.cert.CertificateFixtures.COMMIT;
import static io.synod.crypto.cert.CertificateFixtures.signedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CertificateCodecTest {

    private final TestClusters cluster = TestClusters.of(4);
    private final QuorumCertificate certificate = signedBy(cluster, COMMIT, 1, 2, 4);
    private final byte[] encoded = CertificateCodec.encode(certificate);
    private final CertificateVerifier verifier = new CertificateVerifier(cluster.keys(),
            new SequentialBatchVerifier(new Ed25519Verifier(cluster.keys())));

    /** Where the fields sit in {@link #encoded}: tag "pbft.commit.v1" has 14 bytes. */
    private static final int TAG_AT = 2;
    private static final int GROUP_AT = TAG_AT + 14;
    private static final int DIGEST_AT = GROUP_AT + 24;
    private static final int COUNT_AT = DIGEST_AT + 32;
    private static final int FIRST_SIGNER_AT = COUNT_AT + 2;

    @Test
    void roundTripsToAnEqualCertificateThatStillVerifies() throws Exception {
        QuorumCertificate decoded = CertificateCodec.decode(encoded);
        assertThat(decoded).isEqualTo(certificate).hasSameHashCodeAs(certificate);
        assertThat(CertificateCodec.encode(decoded)).isEqualTo(encoded);
        verifier.verify(decoded, COMMIT);
        assertThat(encoded).hasSize(FIRST_SIGNER_AT + 3 * (8 + 64));
    }

    @Test
    void everyTruncationIsMalformed() {
        for (int length = 0; length < encoded.length; length++) {
            InvalidCertificateException e = decodeFails(Arrays.copyOf(encoded, length));
            assertThat(e.reason()).as("first %d bytes", length).isEqualTo(Reason.MALFORMED);
            assertThat(e).hasMessageStartingWith("malformed certificate: ");
        }
    }

    @Test
    void trailingBytesAreMalformed() {
        assertThat(decodeFails(Arrays.copyOf(encoded, encoded.length + 1)))
                .hasMessage("malformed certificate: 1 bytes after the last signature");
    }

    @Test
    void unsortedDuplicateOrZeroSignersAreMalformed() {
        byte[] duplicate = encoded.clone();
        ByteBuffer.wrap(duplicate).putLong(FIRST_SIGNER_AT + 72, 1);
        assertThat(decodeFails(duplicate)).hasMessageContaining("strictly ascending; 1 follows 1");
        byte[] zero = encoded.clone();
        ByteBuffer.wrap(zero).putLong(FIRST_SIGNER_AT, 0);
        assertThat(decodeFails(zero)).hasMessageContaining("0 follows 0");
    }

    @Test
    void badHeaderFieldsAreMalformed() {
        byte[] version = encoded.clone();
        version[0] = 2;
        assertThat(decodeFails(version)).hasMessage("malformed certificate: unknown certificate format version 2");
        byte[] noSignatures = encoded.clone();
        ByteBuffer.wrap(noSignatures).putShort(COUNT_AT, (short) 0);
        assertThat(decodeFails(noSignatures)).hasMessageContaining("1 to 1024 signatures, not 0");
        byte[] badTag = encoded.clone();
        badTag[TAG_AT] = 'P';
        assertThat(decodeFails(badTag).reason()).isEqualTo(Reason.MALFORMED);
        byte[] negativeView = encoded.clone();
        ByteBuffer.wrap(negativeView).putLong(GROUP_AT + 8, -1);
        assertThat(decodeFails(negativeView)).hasMessageContaining("never negative");
    }

    @Test
    void tamperingWithAnyCertifiedFieldOrSignatureIsCaught() {
        int[] positions = {TAG_AT + 5, GROUP_AT + 7, GROUP_AT + 15, GROUP_AT + 23, DIGEST_AT, DIGEST_AT + 31,
            FIRST_SIGNER_AT + 8, FIRST_SIGNER_AT + 8 + 63, FIRST_SIGNER_AT + 72 + 7};
        for (int position : positions) {
            byte[] tampered = encoded.clone();
            tampered[position] ^= 0x01;
            QuorumCertificate decoded;
            try {
                decoded = CertificateCodec.decode(tampered);
            } catch (InvalidCertificateException malformed) {
                continue;
            }
            InvalidCertificateException e = catchThrowableOfType(InvalidCertificateException.class,
                    () -> verifier.verify(decoded, COMMIT));
            assertThat(e).as("byte %d flipped", position).isNotNull();
            InvalidCertificateException byKind = catchThrowableOfType(InvalidCertificateException.class,
                    () -> verifier.verify(decoded, decoded.statement().kind(), decoded.statement().groupId()));
            assertThat(byKind).as("byte %d flipped, checked by kind only", position).isNotNull();
        }
    }

    private static InvalidCertificateException decodeFails(byte[] bytes) {
        return catchThrowableOfType(InvalidCertificateException.class, () -> CertificateCodec.decode(bytes));
    }
}
