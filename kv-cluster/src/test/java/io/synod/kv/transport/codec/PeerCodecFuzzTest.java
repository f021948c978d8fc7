package io.synod.kv.transport.codec;

import io.synod.kv.consensus.api.EngineMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damages valid envelopes at random. Decoding must either reject with
 * {@link MalformedEnvelopeException} or return a message that is itself valid: re-encoding it
 * decodes again, to a message that encodes to the same bytes.
 */
class PeerCodecFuzzTest {

    private final PeerCodec codec = new PeerCodec();

    @Test
    void damagedEnvelopesAreRejectedOrStillValid() throws Exception {
        Random random = new Random(20240611);
        List<EngineMessage> samples = new ArrayList<>(RaftMessageSamples.all());
        samples.addAll(PaxosMessageSamples.all());
        int rejected = 0;
        int accepted = 0;
        for (int round = 0; round < 10_000; round++) {
            byte[] bytes = codec.encode("cluster", 3, samples.get(random.nextInt(samples.size())));
            damage(random, bytes);
            DecodedEnvelope decoded;
            try {
                decoded = codec.decode(bytes);
            } catch (MalformedEnvelopeException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                rejected++;
                continue;
            }
            accepted++;
            byte[] again = codec.encode(decoded.clusterId(), decoded.groupId(), decoded.message());
            DecodedEnvelope redecoded = codec.decode(again);
            assertThat(codec.encode(redecoded.clusterId(), redecoded.groupId(), redecoded.message())).isEqualTo(again);
        }
        assertThat(rejected).isPositive();
        assertThat(accepted).isPositive();
    }

    private static void damage(Random random, byte[] bytes) {
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            if (random.nextBoolean()) {
                bytes[at] ^= (byte) (1 << random.nextInt(8));
            } else {
                bytes[at] = (byte) random.nextInt(256);
            }
        }
    }
}
