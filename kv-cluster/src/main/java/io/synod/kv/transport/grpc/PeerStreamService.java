package io.synod.kv.transport.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.synod.proto.peer.PeerAck;
import io.synod.proto.peer.PeerFrames;
import io.synod.proto.peer.PeerServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of peer streams: every envelope of every frame goes to the
 * {@link InboundDispatcher}. A stream that fails (the sender went away, sent an unparsable or
 * oversized message) ends alone; the server and other streams are unaffected.
 */
final class PeerStreamService extends PeerServiceGrpc.PeerServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStreamService.class);

    private final InboundDispatcher dispatcher;

    PeerStreamService(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public StreamObserver<PeerFrames> stream(StreamObserver<PeerAck> responseObserver) {
        return new StreamObserver<>() {
            private long sender;
            private long accepted;
            private long rejected;

            @Override
            public void onNext(PeerFrames frames) {
                sender = frames.getFrom();
                for (ByteString envelope : frames.getEnvelopesList()) {
                    if (dispatcher.dispatch(sender, envelope.toByteArray())) {
                        accepted++;
                    } else {
                        rejected++;
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("peer stream from node {} ended: {}", sender, Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                responseObserver.onNext(PeerAck.newBuilder().setAccepted(accepted).setRejected(rejected).build());
                responseObserver.onCompleted();
            }
        };
    }
}
