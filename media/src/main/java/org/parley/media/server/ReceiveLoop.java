package org.parley.media.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * Reads every endpoint's RTP and RTCP sockets on one NIO selector thread, stamping each packet with its arrival
 * time (interarrival jitter needs the real arrival, not the next tick) and handing it to the endpoint, which files
 * it in its jitter buffer. One receive buffer serves all packets: nothing is allocated per packet.
 */
final class ReceiveLoop implements AutoCloseable {

    /** Receives the packets of one socket. */
    interface Receiver {
        void onPacket(ByteBuffer packet, InetSocketAddress source, long arrivalNanos);
    }

    /** Larger than any RTP packet a G.711 call sends, and than the usual 1500-octet MTU. */
    private static final int MAX_PACKET = 2048;

    private final Selector selector;
    private final Thread thread;
    private final LongSupplier nanoTime;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
    private volatile boolean running = true;
    private final java.util.function.Consumer<SelectionKey> onReady = this::onReady;

    ReceiveLoop(ThreadFactory threads, LongSupplier nanoTime) throws IOException {
        this.selector = Selector.open();
        this.nanoTime = nanoTime;
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** Starts receiving on the channel; takes effect within one selector wake-up. */
    void register(DatagramChannel channel, Receiver receiver) {
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, receiver);
            } catch (java.nio.channels.ClosedChannelException e) {
                // The endpoint was closed before its first selector wake-up: nothing left to receive.
            }
        });
        selector.wakeup();
    }

    private void run() {
        while (running) {
            try {
                // The consumer form of select() walks the ready keys without an iterator or a selected-key set:
                // no garbage per wake-up, which here means per packet.
                selector.select(onReady, 1000);
                Runnable r;
                while ((r = pending.poll()) != null) {
                    r.run();
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.getLogger(ReceiveLoop.class.getName()).log(System.Logger.Level.ERROR,
                    "RTP receive loop error", e);
            }
        }
    }

    private void onReady(SelectionKey key) {
        if (key.isValid() && key.isReadable()) {
            drain((DatagramChannel) key.channel(), (Receiver) key.attachment());
        }
    }

    private void drain(DatagramChannel channel, Receiver receiver) {
        // Bounded so that one flooded socket cannot starve the others.
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                return;
            }
            if (source == null) {
                return;
            }
            long arrival = nanoTime.getAsLong();
            buffer.flip();
            try {
                receiver.onPacket(buffer, source, arrival);
            } catch (RuntimeException e) {
                System.getLogger(ReceiveLoop.class.getName()).log(System.Logger.Level.WARNING,
                    "packet from " + source + " could not be handled", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // The selector's channels are closed by their endpoints; nothing else to release.
        }
    }
}
