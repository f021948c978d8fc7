package io.synod.crypto.digest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestTest {

    @Test
    void isSha256() {
        assertThat(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void batchDigestsKeepRequestBoundariesAndOrder() {
        Digest abC = Digest.ofBatch(List.of(bytes("ab"), bytes("c")));
        assertThat(abC).isNotEqualTo(Digest.ofBatch(List.of(bytes("a"), bytes("bc"))))
                .isNotEqualTo(Digest.ofBatch(List.of(bytes("c"), bytes("ab"))))
                .isNotEqualTo(Digest.ofBatch(List.of(bytes("abc"))))
                .isEqualTo(Digest.ofBatch(List.of(bytes("ab"), bytes("c"))));
        assertThat(Digest.ofBatch(List.of(bytes("abc")))).isNotEqualTo(Digest.sha256(bytes("abc")));
        assertThat(Digest.ofBatch(List.of())).isNotEqualTo(Digest.ofBatch(List.of(new byte[0])));
    }

    @Test
    void equalityHashingAndHexRoundTrip() {
        Digest d = Digest.sha256(bytes("request"));
        assertThat(Digest.fromHex(d.toHex())).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(Digest.of(d.bytes())).isEqualTo(d);
        assertThat(d).isNotEqualTo(Digest.sha256(bytes("other"))).isNotEqualTo(d.toHex());
        assertThat(d.toString()).isEqualTo("sha256:" + d.toHex());
    }

    @Test
    void isImmutable() {
        byte[] raw = Digest.sha256(bytes("x")).bytes();
        Digest d = Digest.of(raw);
        raw[0] ^= 1;
        d.bytes()[1] ^= 1;
        assertThat(d).isEqualTo(Digest.sha256(bytes("x")));
    }

    @Test
    void refusesWrongLengths() {
        assertThatThrownBy(() -> Digest.of(new byte[31])).hasMessage("a SHA-256 digest has 32 bytes, not 31");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
