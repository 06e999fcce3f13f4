package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.backup.AsbSecondaryIndex.Collection;
import io.aeroshift.backup.AsbSecondaryIndex.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server info answers as asbackup reads them. */
class SindexListTest {

  @Test
  void sindexListEntriesMapLikeAsbackup() {
    String answer = "ns=test:indexname=idx_age:set=demo:bin=age:type=numeric:indextype=default:"
        + "context=NULL:state=RW;"
        + "ns=test:indexname=test_id:set=testset:bin=test_list:type=numeric:indextype=list:"
        + "context=lhABI8zIIqMDaWQ=:state=RW;"
        + "ns=test:indexname=all_names:set=NULL:bin=name:type=string:indextype=mapkeys:"
        + "context=NULL:state=RW;"
        + "ns=other:indexname=x:set=NULL:bin=b:type=geo2dsphere:indextype=none:state=RW";
    List<AsbSecondaryIndex> all = SindexList.parse(answer, "test", null);
    assertThat(all).containsExactly(
        AsbSecondaryIndex.of("test", "demo", "idx_age", Collection.DEFAULT, "age",
            DataType.NUMERIC),
        new AsbSecondaryIndex("test", "testset", "test_id", Collection.LIST, "test_list",
            DataType.NUMERIC, "lhABI8zIIqMDaWQ=", null),
        AsbSecondaryIndex.of("test", "", "all_names", Collection.MAPKEYS, "name",
            DataType.STRING));
    // the line asbackup's own unit test expects for the second one
    assertThat(new String(AsbWriter.encodeIndex(all.get(1)), StandardCharsets.UTF_8))
        .isEqualTo("* i test_ns testset test_id L 1 test_list N lhABI8zIIqMDaWQ=\n"
            .replace("test_ns", "test"));
    assertThat(SindexList.parse(answer, "test", "demo")).hasSize(1);
    assertThat(SindexList.parse("", "test", null)).isEmpty();
  }

  @Test
  void udfListAndUdfGetFields() {
    String list = "filename=a.lua,hash=0a1b,type=LUA;filename=b.lua,hash=2c3d,type=LUA;";
    assertThat(SindexList.field(list.split(";")[0], "filename")).isEqualTo("a.lua");
    assertThat(SindexList.field(list.split(";")[1], "filename")).isEqualTo("b.lua");
    assertThat(SindexList.field("gen=qwer;type=LUA;content=cmV0dXJuIDEK", "content"))
        .isEqualTo("cmV0dXJuIDEK");
    assertThat(SindexList.field("content=YQ==", "content")).isEqualTo("YQ==");
  }
}
