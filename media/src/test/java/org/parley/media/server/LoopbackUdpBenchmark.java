package org.parley.media.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * What the packets alone cost on this machine: the CPU time of one {@code send} and one {@code receive} of a
 * 172-octet RTP packet (20 ms of G.711) over loopback, from Java NIO, spread over as many sockets as 1,000 calls
 * have legs. On loopback the sender's system call also delivers the datagram into the receiving socket, so the send
 * carries most of the kernel's work. Multiplied by the packets of N calls (server: 2 received and 2 sent per call
 * per 20 ms; a load generator on the same machine: the same again), it is the floor under {@link BridgeBenchmark}'s
 * CPU figures, before any decoding, mixing or recording. Unconnected sockets with a target per send (what the media
 * server does: a phone's address can change) and connected ones are both measured.
 *
 * <pre>
 * java -cp media/target/classes:media/target/test-classes org.parley.media.server.LoopbackUdpBenchmark [sockets [rounds]]
 * </pre>
 */
public final class LoopbackUdpBenchmark {

    private static final int PACKET = 172;

    private LoopbackUdpBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        DatagramChannel[] receivers = new DatagramChannel[sockets];
        DatagramChannel[] senders = new DatagramChannel[sockets];
        DatagramChannel[] connected = new DatagramChannel[sockets];
        InetSocketAddress[] targets = new InetSocketAddress[sockets];
        try {
            for (int i = 0; i < sockets; i++) {
                receivers[i] = open();
                targets[i] = (InetSocketAddress) receivers[i].getLocalAddress();
                senders[i] = open();
                connected[i] = open();
                connected[i].connect(targets[i]);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            ByteBuffer out = ByteBuffer.allocateDirect(PACKET);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            // Alternating the two kinds, five times each, so that a neighbour's burst hits both alike; medians.
            double[][] figures = new double[4][5];
            for (int run = 0; run < 10; run++) {
                boolean useConnected = run % 2 == 1;
                long sendNanos = 0;
                long receiveNanos = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < sockets; i++) {
                        out.clear().position(PACKET).flip();
                        if (useConnected) {
                            connected[i].write(out);
                        } else {
                            senders[i].send(out, targets[i]);
                        }
                    }
                    long t1 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < sockets; i++) {
                        in.clear();
                        if (receivers[i].receive(in) == null) {
                            throw new IllegalStateException("a datagram sent over loopback did not arrive");
                        }
                    }
                    long t2 = threads.getCurrentThreadCpuTime();
                    sendNanos += t1 - t0;
                    receiveNanos += t2 - t1;
                }
                double packets = (double) sockets * rounds;
                figures[useConnected ? 2 : 0][run / 2] = sendNanos / 1e3 / packets;
                figures[useConnected ? 3 : 1][run / 2] = receiveNanos / 1e3 / packets;
            }
            double send = median(figures[0]);
            double receive = median(figures[1]);
            System.out.printf("%d sockets, %d packets of %d octets per run, CPU time of this thread, median of 5 runs%n",
                sockets, sockets * rounds, PACKET);
            System.out.printf("unconnected: send %.2f us, receive %.2f us per packet%n", send, receive);
            System.out.printf("connected:   send %.2f us, receive %.2f us per packet%n", median(figures[2]),
                median(figures[3]));
            for (int calls : new int[] {500, 1000}) {
                // Per second: each call's two legs receive 50 and send 50 packets each.
                double serverCores = calls * 2 * 50 * (send + receive) / 1e6;
                System.out.printf("%,d calls: the packets alone take %.2f cores in the server and as much again in a "
                    + "generator beside it%n", calls, serverCores);
            }
        } finally {
            for (DatagramChannel c : receivers) {
                closeQuietly(c);
            }
            for (DatagramChannel c : senders) {
                closeQuietly(c);
            }
            for (DatagramChannel c : connected) {
                closeQuietly(c);
            }
        }
    }

    private static DatagramChannel open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket of a benchmark that is ending.
            }
        }
    }
}
