import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Test clients for group types kafka-console-consumer cannot make (test/support/groupClients.js
 * compiles and runs this class):
 *   share   BOOTSTRAP GROUP CLIENT_ID TOPIC              a KafkaShareConsumer (KIP-932 share group)
 *   streams BOOTSTRAP APP_ID CLIENT_ID STATE_DIR IN OUT   a Kafka Streams app, group.protocol=streams (KIP-1071),
 *                                                          IN → repartition → OUT (two subtopologies)
 * Prints "polled N" / "state S" lines on stdout; SIGTERM closes the client cleanly (it leaves the group).
 */
public class GroupClients {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("share")) share(args[1], args[2], args[3], args[4]);
    else if (args.length > 0 && args[0].equals("streams")) streams(args[1], args[2], args[3], args[4], args[5], args[6]);
    else {
      System.err.println("usage: GroupClients share|streams ...");
      System.exit(2);
    }
  }

  static void share(String bootstrap, String group, String clientId, String topic) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", group);
    p.put("client.id", clientId);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(p);
    CountDownLatch closed = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      consumer.wakeup();
      try {
        closed.await();
      } catch (InterruptedException e) {
        main.interrupt();
      }
    }));
    try {
      consumer.subscribe(List.of(topic));
      System.out.println("subscribed");
      for (;;) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        System.out.println("polled " + records.count());
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(10));
      System.out.println("closed");
      closed.countDown();
    }
  }

  static void streams(String bootstrap, String appId, String clientId, String stateDir, String in, String out) throws Exception {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArray().getClass().getName());
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArray().getClass().getName());
    p.put("auto.offset.reset", "earliest");
    StreamsBuilder b = new StreamsBuilder();
    b.<byte[], byte[]>stream(in).repartition(Repartitioned.as("rekey")).to(out);
    KafkaStreams streams = new KafkaStreams(b.build(), p);
    CountDownLatch closed = new CountDownLatch(1);
    streams.setStateListener((now, before) -> System.out.println("state " + now));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(10));
      System.out.println("closed");
      closed.countDown();
    }));
    streams.start();
    closed.await();
  }
}
