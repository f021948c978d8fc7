package io.synod.crypto.key;

import io.synod.crypto.TestClusters;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {

    @Test
    void derivesThePublicKeyOfRfc8032TestVectorOne() {
        byte[] secret = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        NodeKeyPair keys = NodeKeyPair.fromPrivateKey(1, secret);
        assertThat(keys.publicKey().toHex())
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(keys.privateKeyBytes()).isEqualTo(secret);
    }

    @Test
    void seededKeysAreTheSameOnEveryRunAndDifferPerNodeAndSeed() {
        assertThat(NodeKeyPair.deterministic(7, 1).publicKey()).isEqualTo(NodeKeyPair.deterministic(7, 1).publicKey());
        assertThat(NodeKeyPair.deterministic(7, 1).publicKey()).isNotEqualTo(NodeKeyPair.deterministic(7, 2).publicKey());
        assertThat(NodeKeyPair.deterministic(7, 1).publicKey()).isNotEqualTo(NodeKeyPair.deterministic(8, 1).publicKey());
    }

    @Test
    void generatedKeysAreFresh() {
        SecureRandom random = new SecureRandom();
        assertThat(NodeKeyPair.generate(1, random).publicKey()).isNotEqualTo(NodeKeyPair.generate(1, random).publicKey());
    }

    @Test
    void toStringDoesNotLeakThePrivateKey() {
        NodeKeyPair keys = NodeKeyPair.deterministic(1, 3);
        String privateHex = HexFormat.of().formatHex(keys.privateKeyBytes());
        assertThat(keys.toString()).contains("node 3").contains(keys.publicKey().toHex()).doesNotContain(privateHex);
    }

    @Test
    void refusesBadKeysAndIds() {
        assertThatThrownBy(() -> PublicKey.of(new byte[31])).hasMessageContaining("32 bytes, not 31");
        assertThatThrownBy(() -> PublicKey.fromHex("ff".repeat(32))).hasMessageContaining("no such curve point");
        assertThatThrownBy(() -> PublicKey.fromHex("abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> NodeKeyPair.fromPrivateKey(1, new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> NodeKeyPair.deterministic(1, 0)).hasMessageContaining("positive");
    }

    @Test
    void publicKeysRoundTripThroughHex() {
        PublicKey key = NodeKeyPair.deterministic(3, 3).publicKey();
        assertThat(PublicKey.fromHex(key.toHex())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(PublicKey.of(key.encoded())).isEqualTo(key);
    }

    @Test
    void quorumIsTwoFPlusOneForThreeFPlusOneAndIntersectsInACorrectMemberOtherwise() {
        int[][] expected = {{1, 0, 1}, {2, 0, 2}, {3, 0, 2}, {4, 1, 3}, {5, 1, 4}, {6, 1, 4}, {7, 2, 5}, {10, 3, 7},
            {13, 4, 9}};
        for (int[] row : expected) {
            ClusterKeys keys = TestClusters.of(row[0], 9).keys();
            assertThat(keys.maxFaulty()).as("f for n=%d", row[0]).isEqualTo(row[1]);
            assertThat(keys.quorumSize()).as("quorum for n=%d", row[0]).isEqualTo(row[2]);
            // Two quorums share at least f+1 members, so at least one correct one.
            assertThat(2 * keys.quorumSize() - keys.size()).isGreaterThanOrEqualTo(keys.maxFaulty() + 1);
        }
    }

    @Test
    void refusesSharedKeysEmptyClustersAndBadIds() {
        PublicKey shared = NodeKeyPair.deterministic(1, 1).publicKey();
        assertThatThrownBy(() -> ClusterKeys.of(Map.of(4L, shared, 2L, shared)))
                .hasMessage("nodes 2 and 4 have the same public key; every node needs its own");
        assertThatThrownBy(() -> ClusterKeys.of(Map.of())).hasMessageContaining("at least one member");
        assertThatThrownBy(() -> ClusterKeys.of(Map.of(-1L, shared))).hasMessageContaining("positive");
    }

    @Test
    void membersAreSortedAndLookedUp() {
        ClusterKeys keys = TestClusters.of(4, 9).keys();
        assertThat(keys.memberIds()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(keys.isMember(4)).isTrue();
        assertThat(keys.isMember(5)).isFalse();
        assertThat(keys.publicKey(2)).contains(NodeKeyPair.deterministic(9, 2).publicKey());
        assertThat(keys.publicKey(5)).isEmpty();
    }
}
