package io.synod.crypto.cert;

import io.synod.crypto.cert.InvalidCertificateException.Reason;
import io.synod.crypto.digest.Digest;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.Signature;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire form of a {@link QuorumCertificate}, carried as a {@code bytes} field in protocol
 * messages. Canonical: one certificate has exactly one encoding, and decoding accepts only that
 * encoding, so a certificate's bytes can be hashed or compared. All integers big-endian:
 *
 * <pre>
 *   u8  format version (1)
 *   u8  kind tag length || kind tag (ASCII)
 *   u64 group id || u64 view || u64 sequence
 *   32  digest
 *   u16 signature count (1 to {@value #MAX_SIGNATURES})
 *   count × (u64 signer node id || 64-byte Ed25519 signature), signer ids strictly ascending
 * </pre>
 *
 * Strictly ascending ids rule out duplicate signers at the encoding level.
 */
public final class CertificateCodec {

    public static final int MAX_SIGNATURES = 1024;
    private static final int VERSION = 1;

    private CertificateCodec() {
    }

    public static byte[] encode(QuorumCertificate certificate) {
        Statement s = certificate.statement();
        byte[] tag = s.kind().tag().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(2 + tag.length + 3 * Long.BYTES + Digest.SIZE + Short.BYTES
                + certificate.size() * (Long.BYTES + Signature.SIZE));
        out.put((byte) VERSION).put((byte) tag.length).put(tag);
        out.putLong(s.groupId()).putLong(s.view()).putLong(s.sequence());
        s.digest().writeTo(out);
        out.putShort((short) certificate.size());
        for (Map.Entry<Long, Signature> e : certificate.signatures().entrySet()) {
            out.putLong(e.getKey()).put(e.getValue().bytes());
        }
        return out.array();
    }

    /**
     * Parses a certificate; says nothing about its signatures (see {@link CertificateVerifier}).
     *
     * @throws InvalidCertificateException with {@link Reason#MALFORMED} for anything but a canonical encoding
     */
    public static QuorumCertificate decode(byte[] bytes) throws InvalidCertificateException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = Byte.toUnsignedInt(in.get());
            if (version != VERSION) {
                throw malformed("unknown certificate format version " + version);
            }
            byte[] tag = new byte[Byte.toUnsignedInt(in.get())];
            in.get(tag);
            Domain kind = Domain.of(new String(tag, StandardCharsets.US_ASCII));
            long groupId = in.getLong();
            long view = in.getLong();
            long sequence = in.getLong();
            byte[] digest = new byte[Digest.SIZE];
            in.get(digest);
            Statement statement = new Statement(kind, groupId, view, sequence, Digest.of(digest));
            int count = Short.toUnsignedInt(in.getShort());
            if (count < 1 || count > MAX_SIGNATURES) {
                throw malformed("a certificate carries 1 to " + MAX_SIGNATURES + " signatures, not " + count);
            }
            TreeMap<Long, Signature> signatures = new TreeMap<>();
            long previous = 0;
            for (int i = 0; i < count; i++) {
                long signer = in.getLong();
                if (signer <= previous) {
                    throw malformed("signer ids must be positive and strictly ascending; " + signer + " follows "
                            + previous);
                }
                byte[] signature = new byte[Signature.SIZE];
                in.get(signature);
                signatures.put(signer, Signature.of(signature));
                previous = signer;
            }
            if (in.hasRemaining()) {
                throw malformed(in.remaining() + " bytes after the last signature");
            }
            return new QuorumCertificate(statement, signatures);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated after " + in.position() + " of " + bytes.length + " bytes");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static InvalidCertificateException malformed(String detail) {
        return new InvalidCertificateException(Reason.MALFORMED, "malformed certificate: " + detail);
    }
}
