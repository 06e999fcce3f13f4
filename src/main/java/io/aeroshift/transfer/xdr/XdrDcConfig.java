package io.aeroshift.transfer.xdr;

import io.aeroshift.discovery.InfoParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One DC's configuration as one source node reports it ({@code get-config:context=xdr;dc=D}), or
 * its absence ({@code get-config:context=xdr} does not list it).
 */
public record XdrDcConfig(boolean exists, Map<String, String> options, List<String> addresses, List<String> namespaces) {

  public XdrDcConfig {
    options = Map.copyOf(options);
    addresses = List.copyOf(addresses);
    namespaces = List.copyOf(namespaces);
  }

  public static final XdrDcConfig ABSENT = new XdrDcConfig(false, Map.of(), List.of(), List.of());

  /** The DC names of {@code get-config:context=xdr} ({@code dcs=A,B;...}). */
  public static List<String> dcNames(String xdrContext) {
    return items(InfoParser.keyValues(xdrContext).get("dcs"));
  }

  /** Parses {@code get-config:context=xdr;dc=D}: options, {@code node-address-port=a,b}, {@code namespaces=x,y}. */
  public static XdrDcConfig parse(String dcConfig) {
    Map<String, String> kv = InfoParser.keyValues(dcConfig);
    return new XdrDcConfig(true, kv, items(kv.get("node-address-port")), items(kv.get("namespaces")));
  }

  private static List<String> items(String csv) {
    if (csv == null || csv.isBlank() || csv.equals("null")) return List.of();
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
