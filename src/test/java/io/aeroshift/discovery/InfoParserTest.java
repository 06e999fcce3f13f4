package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfoParserTest {
  @Test
  void keyValuesAndLists() {
    assertThat(InfoParser.keyValues("a=1;b=x=y;junk;c=")).containsExactly(
        java.util.Map.entry("a", "1"), java.util.Map.entry("b", "x=y"), java.util.Map.entry("c", ""));
    assertThat(InfoParser.list("test;bar;")).containsExactly("test", "bar");
    assertThat(InfoParser.list("ERROR:4:unrecognized command")).isEmpty();
    assertThat(InfoParser.keyValues(null)).isEmpty();
    assertThat(InfoParser.isError("error=bad")).isTrue();
  }

  @Test
  void records() {
    assertThat(InfoParser.records("filename=a.lua,hash=1,type=LUA;filename=b.lua,hash=2,type=LUA;", ';', ','))
        .extracting(m -> m.get("filename")).containsExactly("a.lua", "b.lua");
    assertThat(InfoParser.records("ns=test:set=s:objects=3;", ';', ':')).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("objects", "3"));
  }

  @Test
  void peers() {
    List<InfoParser.Peer> peers = InfoParser.peers("7,3000,[[BB9000000000002,,[10.0.0.2]],[BB9000000000003,tls1,[10.0.0.3:3100,[::1]:3200]]]");
    assertThat(peers).containsExactly(
        new InfoParser.Peer("BB9000000000002", null, List.of("10.0.0.2:3000")),
        new InfoParser.Peer("BB9000000000003", "tls1", List.of("10.0.0.3:3100", "[::1]:3200")));
    assertThat(InfoParser.peers("1,3000,[]")).isEmpty();
    assertThat(InfoParser.peers("garbage")).isEmpty();
  }
}
