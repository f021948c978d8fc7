package io.synod.crypto.sign;

import io.synod.crypto.digest.Digest;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignBytesTest {

    @Test
    void encodingIsTheDocumentedOne() {
        SignBytes bytes = SignBytes.builder(Domain.of("t")).putLong(1).putBytes(new byte[] {(byte) 0xab})
                .putString("é").build();
        assertThat(HexFormat.of().formatHex(bytes.toByteArray())).isEqualTo(
                "73796e6f642e7369672e7631" // "synod.sig.v1"
                        + "01" + "74"              // tag length, "t"
                        + "01" + "0000000000000001" // number 1
                        + "02" + "00000001" + "ab"  // one byte
                        + "02" + "00000002" + "c3a9"); // "é" as UTF-8
        Digest d = Digest.sha256(new byte[0]);
        assertThat(HexFormat.of().formatHex(SignBytes.builder(Domain.of("t")).putDigest(d).build().toByteArray()))
                .isEqualTo("73796e6f642e7369672e7631" + "0174" + "03" + d.toHex());
    }

    @Test
    void fieldBoundariesAndTypesChangeTheBytes() {
        SignBytes abC = SignBytes.builder(Domain.PREPARE).putString("ab").putString("c").build();
        assertThat(abC).isNotEqualTo(SignBytes.builder(Domain.PREPARE).putString("a").putString("bc").build())
                .isNotEqualTo(SignBytes.builder(Domain.PREPARE).putString("abc").build())
                .isEqualTo(SignBytes.builder(Domain.PREPARE).putString("ab").putString("c").build());
        assertThat(SignBytes.builder(Domain.PREPARE).putLong(7).build())
                .isNotEqualTo(SignBytes.builder(Domain.PREPARE).putBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 7}).build());
    }

    @Test
    void domainsChangeTheBytesEvenWhenOneTagPrefixesAnother() {
        SignBytes prepare = SignBytes.builder(Domain.of("kind")).putString("x").build();
        assertThat(prepare).isNotEqualTo(SignBytes.builder(Domain.of("kind2")).putString("x").build())
                .isNotEqualTo(SignBytes.builder(Domain.COMMIT).putString("x").build());
        assertThat(prepare.domain()).isEqualTo(Domain.of("kind"));
    }

    @Test
    void wellKnownDomainsAreDistinct() {
        Domain[] all = {Domain.CLIENT_REQUEST, Domain.REPLY, Domain.PRE_PREPARE, Domain.PREPARE, Domain.COMMIT,
            Domain.CHECKPOINT, Domain.VIEW_CHANGE, Domain.NEW_VIEW};
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void refusesBadTags() {
        for (String tag : new String[] {"", "Upper", "with space", ".leading", "x".repeat(64), "ünï"}) {
            assertThatThrownBy(() -> Domain.of(tag)).as(tag).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("signing domain tag");
        }
        assertThat(Domain.of("a".repeat(63)).tag()).hasSize(63);
    }

    @Test
    void toByteArrayIsACopy() {
        SignBytes bytes = SignBytes.builder(Domain.REPLY).putLong(5).build();
        bytes.toByteArray()[0] ^= 1;
        assertThat(bytes).isEqualTo(SignBytes.builder(Domain.REPLY).putLong(5).build());
        assertThat(bytes.length()).isEqualTo(bytes.toByteArray().length);
    }
}
