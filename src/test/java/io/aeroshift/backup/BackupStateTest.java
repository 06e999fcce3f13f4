package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup state file and the pure conflict rules of index/UDF restore. */
class BackupStateTest {

  @TempDir Path dir;

  private static BackupState.Settings settings(String set) {
    return new BackupState.Settings("te st", set, "te st", AsbCompression.ZSTD,
        AsbEncryption.AES128, false);
  }

  @Test
  void savedStateLoadsBackWithFilesAndPartitionProgress() throws IOException {
    BackupState s = BackupState.fresh(dir, settings("s\n1"));
    BackupState.Span span = new BackupState.Span();
    span.records = 3;
    span.last = new byte[20];
    span.last[0] = 7;
    s.fileFinished(new BackupState.FinishedFile("te st_00000.asb", 3, true), Map.of(12, span),
        Set.of(12));
    BackupState.Span cut = new BackupState.Span();
    cut.records = 2;
    cut.last = new byte[20];
    s.fileFinished(new BackupState.FinishedFile("te st_00001.asb", 2, false), Map.of(40, cut),
        Set.of());
    s.partitionDoneWithoutOpenFile(99);
    s.markComplete();

    BackupState back = BackupState.load(dir).orElseThrow();
    assertThat(back.loaded()).isTrue();
    assertThat(back.settings()).isEqualTo(settings("s\n1"));
    assertThat(back.complete()).isTrue();
    assertThat(back.records()).isEqualTo(5);
    assertThat(back.files()).containsExactly(
        new BackupState.FinishedFile("te st_00000.asb", 3, true),
        new BackupState.FinishedFile("te st_00001.asb", 2, false));
    assertThat(back.partitions()).containsOnlyKeys(12, 40, 99);
    assertThat(back.partitions().get(12).done()).isTrue();
    assertThat(back.partitions().get(12).lastDigest()).isEqualTo(span.last);
    assertThat(back.partitions().get(40).done()).isFalse();
    assertThat(back.partitions().get(40).records()).isEqualTo(2);
    assertThat(back.partitions().get(99).done()).isTrue();
    assertThat(settings(null).difference(back.settings())).contains("--set");
    assertThat(settings("s\n1").difference(new BackupState.Settings("te st", "s\n1", "te st",
        AsbCompression.NONE, AsbEncryption.AES128, false))).contains("--compress zstd");
  }

  @Test
  void aCorruptStateIsAnErrorNamingTheFileAndLine() throws IOException {
    Files.writeString(dir.resolve(BackupState.FILE_NAME), "something else\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BackupState.load(dir)).hasMessageContaining(".aeroshift-backup.state:1");
    Files.writeString(dir.resolve(BackupState.FILE_NAME), "aeroshift-backup-state 1\nnamespace t\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BackupState.load(dir)).hasMessageContaining("no 'prefix' line");
  }

  @Test
  void conflictsNameTheIndexOrModuleAndAcceptIdenticalDefinitions() {
    AsbSecondaryIndex age = AsbSecondaryIndex.of("test", "demo", "idx_age",
        AsbSecondaryIndex.Collection.DEFAULT, "age", AsbSecondaryIndex.DataType.NUMERIC);
    AsbSecondaryIndex ageAsString = AsbSecondaryIndex.of("test", "demo", "idx_age",
        AsbSecondaryIndex.Collection.DEFAULT, "age", AsbSecondaryIndex.DataType.STRING);
    AsbSecondaryIndex sameBinOtherName = AsbSecondaryIndex.of("test", "demo", "age2",
        AsbSecondaryIndex.Collection.DEFAULT, "age", AsbSecondaryIndex.DataType.NUMERIC);
    AsbUdf udf = new AsbUdf("m.lua", "return 1".getBytes(StandardCharsets.UTF_8));

    assertThat(GlobalSectionRestore.conflicts(List.of(age), List.of(age), List.of(udf),
        Map.of("m.lua", "return 1".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    assertThat(GlobalSectionRestore.conflicts(List.of(age), List.of(), List.of(udf),
        new java.util.HashMap<>())).isEmpty();
    assertThat(GlobalSectionRestore.conflicts(List.of(age), List.of(ageAsString), List.of(),
        Map.of())).singleElement().asString().contains("idx_age").contains("another definition");
    assertThat(GlobalSectionRestore.conflicts(List.of(age), List.of(sameBinOtherName), List.of(),
        Map.of())).singleElement().asString().contains("as index age2");
    assertThat(GlobalSectionRestore.conflicts(List.of(), List.of(), List.of(udf),
        Map.of("m.lua", new byte[] {1}))).singleElement().asString().contains("UDF module m.lua");
  }
}
