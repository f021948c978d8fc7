package io.synod.kv.consensus.pbft;

import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.SignBytes;
import io.synod.kv.consensus.api.LogEntry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical bytes a PBFT message's signature covers: its kind (as the signing domain) and
 * every field but the receiver and the signature. A signed proof message is covered by its kind,
 * sender and signature (which no other content verifies under), an unsigned one (a certificate's
 * batch) by all its fields, so nobody can swap a certificate inside a signed message.
 */
public final class PbftSignBytes {

    private static final Map<PbftMessageType, Domain> DOMAINS = new EnumMap<>(PbftMessageType.class);

    static {
        for (PbftMessageType type : PbftMessageType.values()) {
            DOMAINS.put(type, switch (type) {
                case REQUEST -> Domain.CLIENT_REQUEST;
                case PRE_PREPARE -> Domain.PRE_PREPARE;
                case PREPARE -> Domain.PREPARE;
                case COMMIT -> Domain.COMMIT;
                case CHECKPOINT -> Domain.CHECKPOINT;
                case VIEW_CHANGE -> Domain.VIEW_CHANGE;
                case NEW_VIEW -> Domain.NEW_VIEW;
                default -> Domain.of("pbft." + type.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1");
            });
        }
    }

    private PbftSignBytes() {
    }

    public static SignBytes of(PbftMessage m) {
        SignBytes.Builder b = SignBytes.builder(DOMAINS.get(m.type()));
        b.putLong(m.from()).putLong(m.view()).putLong(m.seq()).putLong(m.seqHi()).putBytes(m.digest());
        b.putLong(m.entries().size());
        for (LogEntry e : m.entries()) {
            b.putLong(e.index()).putLong(e.term()).putLong(e.type().ordinal()).putBytes(e.data());
        }
        b.putLong(m.proof().size());
        for (PbftMessage p : m.proof()) {
            if (p.signature().length > 0) {
                // A signed proof is bound by its signature: no other content verifies under it.
                b.putLong(p.type().ordinal()).putLong(p.from()).putBytes(p.signature());
            } else {
                b.putBytes(of(p).toByteArray());
            }
        }
        return b.putBytes(m.data()).putLong(m.offset()).putLong(m.total()).build();
    }
}
