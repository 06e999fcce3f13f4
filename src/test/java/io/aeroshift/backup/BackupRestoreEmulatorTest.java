package io.aeroshift.backup;

import io.aeroshift.testsupport.ClientValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.cli.BackupCommand;
import io.aeroshift.cli.RestoreCommand;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.transfer.RecordImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/aeroshift backup and restore against emulated clusters, through the copy engine. */
class BackupRestoreEmulatorTest {

  private static final String NS = "test";
  private EmulatedCluster source;
  private EmulatedCluster target;
  private AerospikeClient sourceClient;
  private AerospikeClient targetClient;

  @TempDir Path tmp;

  @BeforeEach
  void start() {
    source = EmulatedCluster.builder().nodes(2).basePort(0).edition(Edition.COMMUNITY)
        .build("6.4.0.10").namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0))
        .start();
    target = EmulatedCluster.builder().nodes(2).basePort(0).edition(Edition.ENTERPRISE)
        .build("7.2.0.6").namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0))
        .start();
    ClientPolicy p = new ClientPolicy();
    p.timeout = 3000;
    sourceClient = new AerospikeClient(p, source.hosts());
    targetClient = new AerospikeClient(p, target.hosts());
  }

  @AfterEach
  void stop() {
    sourceClient.close();
    targetClient.close();
    source.close();
    target.close();
  }

  private void load(int n) {
    WritePolicy keyed = new WritePolicy();
    keyed.sendKey = true;
    WritePolicy expiring = new WritePolicy(keyed);
    expiring.expiration = 3600;
    for (int i = 0; i < n; i++) {
      Key key = i % 3 == 0 ? new Key(NS, "s1", (long) i)
          : i % 3 == 1 ? new Key(NS, "s 2", "k\n" + i) : new Key(NS, null, new byte[] {(byte) i, 7});
      Map<String, Long> sorted = new TreeMap<>(Map.of("b", (long) i, "a", 1L));
      sourceClient.put(i % 2 == 0 ? keyed : expiring, key,
          new Bin("i", (long) i - 500),
          new Bin("d", i / 7.0),
          new Bin("s", "val ue\n" + i + " ü"),
          new Bin("b", new byte[] {1, (byte) i, 0, 10}),
          new Bin("t", i % 2 == 0),
          new Bin("l", List.of((long) i, "x", List.of(1.5))),
          new Bin("m", Value.get(sorted, MapOrder.KEY_ORDERED)),
          new Bin("g", Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[1," + (i % 80)
              + "]}")));
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(io.aeroshift.cli.Subcommand cmd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = cmd.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String seeds(EmulatedCluster c) {
    return String.join(",", c.seeds());
  }

  private Path keyFile() throws Exception {
    return Path.of(getClass().getResource("test_key_pkcs8.pem").toURI());
  }

  @Test
  void backupThenRestoreGivesTheSameDataAndAsbackupFiles() throws Exception {
    load(300);
    Path dir = tmp.resolve("bk");
    Result b = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--compress", "zstd", "--encrypt", "aes256",
        "--key-file", keyFile().toString(), "--parallel", "4", "--no-udfs");
    assertThat(b.code()).as(b.out() + b.err()).isZero();
    assertThat(b.out()).contains("backup complete: 300 records");

    List<Path> files = AerospikeRestore.backupFiles(dir);
    assertThat(files).isNotEmpty();
    assertThat(files.get(0).getFileName().toString()).isEqualTo("test_00000.asb");
    AsbCodec codec = AsbCodec.of(AsbCompression.ZSTD,
        AsbEncryptionKey.fromPemFile(keyFile(), AsbEncryption.AES256));
    int firstFiles = 0;
    int records = 0;
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      assertThat(f.getFileName().toString()).isEqualTo(String.format("test_%05d.asb", i));
      try (InputStream in = codec.wrapInput(Files.newInputStream(f), f.toString());
          AsbReader r = new AsbReader(in, f.toString(), AsbReaderOptions.defaults())) {
        assertThat(r.header().namespace()).isEqualTo(NS);
        if (r.header().firstFile()) {
          firstFiles++;
          assertThat(i).isZero();
        }
        for (AsbEntry e = r.next(); e != null; e = r.next()) {
          records++;
        }
      }
    }
    assertThat(firstFiles).isEqualTo(1);
    assertThat(records).isEqualTo(300);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")))
          .isEmpty();
    }

    Result r = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--compress", "zstd", "--encrypt", "aes256", "--key-file", keyFile().toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("restore complete: 300 records written");
    assertSameData();

    // a second run resumes from the state file: nothing is written twice
    Result again = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--compress", "zstd", "--encrypt", "aes256", "--key-file", keyFile().toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("restore complete: 0 records written");
  }

  @Test
  void restoreOfABadFileRestoresWhatPrecedesTheErrorAndResumesAfterTheFix() throws Exception {
    Path dir = tmp.resolve("bad");
    Files.createDirectories(dir);
    List<RecordImage> recs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      recs.add(AsbTestRecords.keyed(NS, "demo", Value.get("r" + i), 1, 0,
          AsbTestRecords.bins("v", (long) i)));
    }
    // expired long ago, and a record without bins: both skipped and counted
    RecordImage expired = AsbTestRecords.keyed(NS, "demo", Value.get("old"), 1, 1000,
        AsbTestRecords.bins("v", 1L));
    RecordImage noBins = AsbTestRecords.keyed(NS, "demo", Value.get("empty"), 1, 0, Map.of());
    List<RecordImage> all = new ArrayList<>(recs);
    all.add(2, expired);
    all.add(3, noBins);
    String good = new String(AsbTestRecords.write(false, NS, all), StandardCharsets.UTF_8);
    // corrupt the 5th record's bin letter ("- I v 3" -> "- x v 3")
    String bad = good.replace("- I v 3\n", "- x v 3\n");
    Path file = dir.resolve("test_00000.asb");
    Files.writeString(file, bad, StandardCharsets.UTF_8);

    Result r = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("test_00000.asb:").contains("unknown bin type letter 'x'");
    assertThat(r.out()).contains("3 records written").contains("1 expired skipped")
        .contains("1 without bins skipped");
    assertThat(targetClient.get(null, new Key(NS, "demo", "r2"))).isNotNull();
    assertThat(targetClient.get(null, new Key(NS, "demo", "r3"))).isNull();
    assertThat(targetClient.get(null, new Key(NS, "demo", "old"))).isNull();

    Files.writeString(file, good, StandardCharsets.UTF_8);
    Result fixed = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString());
    assertThat(fixed.code()).as(fixed.out() + fixed.err()).isZero();
    assertThat(fixed.out()).contains("2 records written").contains("5 already restored earlier");
    Record r4 = targetClient.get(null, new Key(NS, "demo", "r4"));
    assertThat(r4.getLong("v")).isEqualTo(4L);
    assertThat(r4.getTimeToLive()).isEqualTo(-1);
  }

  @Test
  void udfModulesAreRestoredWhenAsked() throws Exception {
    Path dir = tmp.resolve("udf");
    Files.createDirectories(dir);
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(file, false)) {
      w.writeHeader(NS, true);
      w.writeUdf(new AsbUdf("sum.lua", "function sum(r)\n  return 1\nend\n"
          .getBytes(StandardCharsets.UTF_8)));
      w.writeRecord(AsbTestRecords.keyed(NS, null, Value.get(1L), 1, 0,
          AsbTestRecords.bins("a", 1L)));
    }
    Files.write(dir.resolve("test_00000.asb"), file.toByteArray());
    Result without = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--state-file", tmp.resolve("s1").toString());
    assertThat(without.code()).isZero();
    assertThat(without.out()).contains("0 UDFs");
    Result with = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--udfs", "--state-file", tmp.resolve("s2").toString());
    assertThat(with.code()).as(with.out() + with.err()).isZero();
    assertThat(with.out()).contains("1 UDFs");
    String list = com.aerospike.client.Info.request(null, targetClient.getNodes()[0], "udf-list");
    assertThat(list).contains("filename=sum.lua");
  }

  @Test
  void dispatchedByTheCli() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new io.aeroshift.cli.AeroshiftCli(io.aeroshift.cli.Subcommands.ALL).run(
        List.of("restore", "--dir", "x"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--target is required");
  }

  @Test
  void usageErrorsAndMissingKey() throws Exception {
    assertThat(run(new BackupCommand(), "--namespace", NS, "--dir", "x").code()).isEqualTo(2);
    Result noKey = run(new RestoreCommand(), "--target", "127.0.0.1:3000", "--dir", "x",
        "--encrypt", "aes128");
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("--key-file");
    assertThat(run(new RestoreCommand(), "--target", "h:1", "--dir", "x", "--compress", "lz4")
        .err()).contains("unknown compression 'lz4'");
  }

  @Test
  void wrongFlagsOnRestoreNameTheFile() throws Exception {
    load(20);
    Path dir = tmp.resolve("z");
    assertThat(run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--compress", "zstd", "--no-udfs").code()).isZero();
    Result r = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("test_00000.asb").contains("--compress zstd");
    // nothing was guessed into the target
    assertThat(snapshot(targetClient)).isEmpty();
    // a non-empty backup directory is refused
    Result again = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--no-udfs");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already holds backup files");
  }

  /** Every record of every file of a backup directory, by digest; fails on a duplicate. */
  private static Map<String, Integer> digestsInFiles(Path dir, AsbCodec codec) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    for (Path f : AerospikeRestore.backupFiles(dir)) {
      try (InputStream in = codec.wrapInput(Files.newInputStream(f), f.toString());
          AsbReader r = new AsbReader(in, f.toString(), AsbReaderOptions.defaults())) {
        for (AsbEntry e = r.next(); e != null; e = r.next()) {
          if (e instanceof AsbEntry.Record rec) {
            String d = HexFormat.of().formatHex(rec.record().digest());
            assertThat(out.put(d, 1)).as("record " + d + " twice (again in " + f + ")").isNull();
          }
        }
      }
    }
    return out;
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private AerospikeBackup.Options options(Path dir, long fileLimit, AsbCodec codec) {
    return new AerospikeBackup.Options(NS, null, dir, codec, false, fileLimit, true, true,
        io.aeroshift.transfer.TransferSettings.defaults().withConcurrency(4, 4, 4));
  }

  @Test
  void backupKilledMidwayResumesOnRerunToExactlyTheSourceData() throws Exception {
    load(3000);
    source.loadRecords(NS, "bulk", 16000, 100); // about 4 per partition: files cut partitions
    int n = snapshot(sourceClient).size(); // keys of load() repeat (byte keys wrap)
    String records = String.format("%,d records", n);
    Path dir = tmp.resolve("killed");
    AsbCodec codec = AsbCodec.plain(); // plain: the file size is exact, so files rotate
    AerospikeBackup killed = new AerospikeBackup(sourceClient, java.time.Clock.systemUTC());
    killed.crashAfterPartitions(1500);
    AerospikeBackup.Result first = killed.run(options(dir, 32 * 1024, codec), 0, m -> { });
    assertThat(first.complete()).isFalse();
    BackupState afterKill = BackupState.load(dir).orElseThrow();
    assertThat(afterKill.complete()).isFalse();
    assertThat(afterKill.files()).as("32 KiB files rotated before the kill").isNotEmpty();
    assertThat(afterKill.partitions().values())
        .as("partitions cut by a rotation: the resumed scan continues after their last digest")
        .anyMatch(p -> !p.done() && p.lastDigest() != null && p.records() > 0);
    long doneBefore = afterKill.partitions().values().stream()
        .filter(BackupState.PartitionProgress::done).count();
    assertThat(doneBefore).isBetween(1L, 1499L);
    List<String> killedListing = listing(dir);
    assertThat(killedListing).as("the killed run left unfinished files")
        .anyMatch(name -> name.endsWith(".asb.part"));

    // other options: refused, naming the option, and nothing in the directory changes
    Result other = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--file-limit", "1", "--compress", "zstd");
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("--compress none (this run: zstd)");
    assertThat(listing(dir)).isEqualTo(killedListing);

    // the same command again resumes: finished files stay, unfinished ones are redone
    Result resumed = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--file-limit", "1", "--parallel", "4");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming backup of test")
        .contains("backup complete: " + records);
    for (BackupState.FinishedFile f : afterKill.files()) {
      assertThat(dir.resolve(f.name())).exists();
    }
    assertThat(listing(dir)).noneMatch(name -> name.endsWith(".part"));
    assertThat(digestsInFiles(dir, codec)).hasSize(n);
    BackupState done = BackupState.load(dir).orElseThrow();
    assertThat(done.complete()).isTrue();
    assertThat(done.records()).isEqualTo(n);
    assertThat(done.files().stream().filter(BackupState.FinishedFile::first)).hasSize(1);

    Result r = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("restore complete: " + records + " written");
    assertSameData();

    // a complete backup rerun is a no-op
    Result again = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("backup complete: " + records);
    assertThat(digestsInFiles(dir, codec)).hasSize(n);
  }

  @Test
  void resumeFinishesAnInterruptedRenameAndRefusesForeignFiles() throws Exception {
    load(500);
    Path dir = tmp.resolve("rename");
    AsbCodec codec = AsbCodec.plain();
    AerospikeBackup.Result clean = new AerospikeBackup(sourceClient, java.time.Clock.systemUTC())
        .run(options(dir, 2048, codec), 0, m -> { });
    assertThat(clean.complete()).isTrue();
    List<BackupState.FinishedFile> files = BackupState.load(dir).orElseThrow().files();
    assertThat(files.size()).isGreaterThan(2);
    // killed after the state recorded a file, before its rename; and before "complete"
    String last = files.get(files.size() - 1).name();
    Files.move(dir.resolve(last), dir.resolve(last + ".part"));
    Path stateFile = dir.resolve(BackupState.FILE_NAME);
    Files.writeString(stateFile, Files.readString(stateFile).replace("complete\n", ""));

    Files.writeString(dir.resolve("test_99999.asb"), "Version 3.1\n# namespace test\n");
    List<String> before = listing(dir);
    Result foreign = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString());
    assertThat(foreign.code()).isEqualTo(1);
    assertThat(foreign.err()).contains("test_99999.asb").contains("does not list");
    assertThat(listing(dir)).isEqualTo(before);

    Files.delete(dir.resolve("test_99999.asb"));
    Result resumed = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString());
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(dir.resolve(last)).exists();
    assertThat(digestsInFiles(dir, codec)).hasSize(snapshot(sourceClient).size());
  }

  @Test
  void secondaryIndexesAndUdfsRoundTripAndConflictsChangeNothing() throws Exception {
    load(30);
    String ctx = com.aerospike.client.cdt.CTX.toBase64(new com.aerospike.client.cdt.CTX[] {
        com.aerospike.client.cdt.CTX.mapKey(Value.get("inner"))});
    sourceClient.createIndex(null, NS, "s1", "by_i", "i", IndexType.NUMERIC).waitTillComplete();
    sourceClient.createIndex(null, NS, null, "by_s", "s", IndexType.STRING).waitTillComplete();
    sourceClient.createIndex(null, NS, null, "by_g", "g", IndexType.GEO2DSPHERE)
        .waitTillComplete();
    sourceClient.createIndex(null, NS, "s1", "in_l", "l", IndexType.NUMERIC,
        IndexCollectionType.LIST).waitTillComplete();
    sourceClient.createIndex(null, NS, null, "keys_m", "m", IndexType.STRING,
        IndexCollectionType.MAPKEYS).waitTillComplete();
    sourceClient.createIndex(null, NS, "s 2", "vals_m", "m", IndexType.NUMERIC,
        IndexCollectionType.MAPVALUES, com.aerospike.client.cdt.CTX.fromBase64(ctx))
        .waitTillComplete();
    String sum = "-- sums ü\nfunction sum(r, a)\n  return r[a] + 1\nend\n";
    String empty = "";
    sourceClient.registerUdfString(null, sum, "sum.lua", Language.LUA).waitTillComplete();
    sourceClient.registerUdfString(null, empty, "empty.lua", Language.LUA).waitTillComplete();
    List<AsbSecondaryIndex> sourceIndexes = indexes(sourceClient);
    assertThat(sourceIndexes).hasSize(6);

    Path dir = tmp.resolve("globals");
    Result b = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString());
    assertThat(b.code()).as(b.out() + b.err()).isZero();
    String head = Files.readString(dir.resolve("test_00000.asb"), StandardCharsets.ISO_8859_1);
    assertThat(head).contains("* i test s1 by_i N 1 i N\n", "* i test  by_s N 1 s S\n",
        "* i test  by_g N 1 g G\n", "* i test s1 in_l L 1 l N\n", "* i test  keys_m K 1 m S\n",
        "* i test s\\ 2 vals_m V 1 m N " + ctx + "\n", "* u L empty.lua 0 \n")
        .doesNotContain("* e ").startsWith("Version 3.1\n");

    // the target has a different index under one of the names and other bytes in one module
    targetClient.createIndex(null, NS, "s1", "by_i", "d", IndexType.NUMERIC).waitTillComplete();
    targetClient.registerUdfString(null, "return 2", "sum.lua", Language.LUA).waitTillComplete();
    Result conflict = run(new RestoreCommand(), "--target", seeds(target), "--dir",
        dir.toString(), "--indexes", "--udfs", "--state-file", tmp.resolve("s1").toString());
    assertThat(conflict.code()).isEqualTo(1);
    assertThat(conflict.err()).contains("secondary index by_i exists on the target with another"
        + " definition").contains("UDF module sum.lua exists on the target with other content");
    assertThat(snapshot(targetClient)).isEmpty();
    assertThat(indexes(targetClient)).hasSize(1);

    targetClient.dropIndex(null, NS, "s1", "by_i").waitTillComplete();
    targetClient.removeUdf(null, "sum.lua");
    // an identical definition already there is fine
    targetClient.createIndex(null, NS, null, "by_s", "s", IndexType.STRING).waitTillComplete();
    Result ok = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--indexes", "--udfs", "--state-file", tmp.resolve("s2").toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("6 indexes, 2 UDFs");
    assertThat(indexes(targetClient)).containsExactlyInAnyOrderElementsOf(sourceIndexes);
    assertThat(udf(targetClient, "sum.lua")).isEqualTo(sum.getBytes(StandardCharsets.UTF_8));
    assertThat(udf(targetClient, "empty.lua")).isEmpty();
    assertSameData();
  }

  @Test
  void referenceSampleRestoresItsIndexesAndUdf() throws Exception {
    Path dir = tmp.resolve("sample");
    Files.createDirectories(dir);
    Files.copy(io.aeroshift.testsupport.SharedReference.path(
        "reference/asbackup/README_sample_backup_file.asb"), dir.resolve("test_00000.asb"));
    Result r = run(new RestoreCommand(), "--target", seeds(target), "--dir", dir.toString(),
        "--indexes", "--udfs");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("1 records written").contains("2 indexes, 1 UDFs");
    assertThat(indexes(targetClient)).containsExactlyInAnyOrder(
        AsbSecondaryIndex.of(NS, "test-set", "int-index", AsbSecondaryIndex.Collection.DEFAULT,
            "int-bin", AsbSecondaryIndex.DataType.NUMERIC),
        AsbSecondaryIndex.of(NS, "test-set", "string-index",
            AsbSecondaryIndex.Collection.DEFAULT, "string-bin",
            AsbSecondaryIndex.DataType.STRING));
    assertThat(udf(targetClient, "test.lua"))
        .isEqualTo("-- just an empty Lua file\n\n".getBytes(StandardCharsets.UTF_8));
  }

  private static List<AsbSecondaryIndex> indexes(AerospikeClient client) {
    return SindexList.parse(com.aerospike.client.Info.request(null, client.getNodes()[0],
        "sindex-list:ns=" + NS + ";b64=true"), NS, null);
  }

  private static byte[] udf(AerospikeClient client, String name) {
    String got = com.aerospike.client.Info.request(null, client.getNodes()[0],
        "udf-get:filename=" + name);
    return java.util.Base64.getDecoder().decode(SindexList.field(got, "content"));
  }

  @Test
  void restoreKilledMidBatchResumesWithNothingMissing() throws Exception {
    load(600);
    source.loadRecords(NS, "bulk", 30000, 100); // about 7 per partition: batches of several records
    int n = snapshot(sourceClient).size();
    Path dir = tmp.resolve("mid-batch");
    Result b = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS,
        "--dir", dir.toString(), "--parallel", "2", "--no-udfs");
    assertThat(b.code()).as(b.out() + b.err()).isZero();
    Path stateFile = tmp.resolve("restore.state");
    AerospikeRestore.Options o = new AerospikeRestore.Options(dir, AsbCodec.plain(),
        AsbReaderOptions.defaults(), false, false, 2, stateFile,
        io.aeroshift.transfer.TransferSettings.defaults().withConcurrency(4, 4, 4)
            .withCheckpointEvery(1)); // a checkpoint whenever a batch returns: the kill finds batches in flight

    AerospikeRestore killed = new AerospikeRestore(targetClient, java.time.Clock.systemUTC());
    killed.crashInBatch(1500); // half of that batch reaches the target, then the process "dies"
    AerospikeRestore.Result first = killed.run(o, m -> { });
    assertThat(first.complete()).isFalse();
    assertThat(first.failures()).containsKey("(killed)");
    List<RestoreCheckpoints.FileProgress> saved = RestoreCheckpoints.load(stateFile).all();
    assertThat(saved).as("checkpoints were saved before the kill").anyMatch(p -> p.records() > 0);
    assertThat(saved).as("the kill left a file unfinished").anyMatch(p -> !p.done());
    assertThat(snapshot(targetClient).size()).as("the kill left records unwritten").isLessThan(n);

    AerospikeRestore.Result resumed = new AerospikeRestore(targetClient, java.time.Clock.systemUTC())
        .run(o, m -> { });
    assertThat(resumed.complete()).as(resumed.failures().toString()).isTrue();
    assertThat(resumed.alreadyRestored()).as("the rerun skipped what the checkpoints cover").isPositive();
    assertThat(resumed.alreadyRestored() + resumed.records()).isGreaterThanOrEqualTo(n);
    assertSameData(); // record by record, with this test's own reader
  }

  private void assertSameData() {
    long started = System.nanoTime();
    Map<String, List<Object>> src = snapshot(sourceClient);
    Map<String, List<Object>> dst = snapshot(targetClient);
    long readSeconds = (System.nanoTime() - started + 999_999_999L) / 1_000_000_000L;
    assertThat(dst.keySet()).isEqualTo(src.keySet());
    for (Map.Entry<String, List<Object>> e : src.entrySet()) {
      List<Object> s = e.getValue();
      List<Object> t = dst.get(e.getKey());
      assertThat(t.subList(0, 3)).as(e.getKey()).isEqualTo(s.subList(0, 3));
      int sttl = (Integer) s.get(3);
      int tttl = (Integer) t.get(3);
      if (sttl == -1) {
        assertThat(tttl).isEqualTo(-1);
      } else {
        // the backup keeps the void time (asbackup's expiration) and the restore writes the seconds
        // left: at most 2 s off (whole seconds on two clocks), lower by the seconds the two reads took
        assertThat(tttl).as(e.getKey()).isBetween(sttl - (int) readSeconds - 2, sttl + 2);
      }
    }
  }

  private static Map<String, List<Object>> snapshot(AerospikeClient client) {
    Map<String, List<Object>> out = new ConcurrentHashMap<>();
    ScanPolicy p = new ScanPolicy();
    p.totalTimeout = 0;
    client.scanPartitions(p, PartitionFilter.all(), NS, null, (Key k, Record r) -> {
      List<Object> row = new ArrayList<>();
      row.add(String.valueOf(k.setName));
      row.add(k.userKey == null ? null : ClientValues.comparable(k.userKey.getObject()));
      row.add(ClientValues.comparable(r.bins));
      row.add(r.getTimeToLive());
      out.put(HexFormat.of().formatHex(k.digest), row);
    });
    return new TreeMap<>(out);
  }
}
