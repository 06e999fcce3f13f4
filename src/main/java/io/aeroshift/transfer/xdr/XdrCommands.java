package io.aeroshift.transfer.xdr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The info commands that set XDR up and tear it down on one source node, in the documented order
 * (AKO-NOTES 9.1, management-lib {@code as_setconfig.go}): create the DC, its parameters
 * (connector, auth), its node-address-ports, then the namespaces (with the rewind); teardown
 * removes the namespaces, the addresses and then the DC. Each list holds only what the node's
 * current configuration lacks (or still has), so a re-run or a run after a restart sends exactly
 * what is missing: the steps are idempotent by construction, never by ignoring errors.
 */
public final class XdrCommands {
  private XdrCommands() {}

  static String prefix(String dc) {
    return "set-config:context=xdr;dc=" + dc;
  }

  /** The DC parameters the settings ask for, in order. */
  static Map<String, String> dcOptions(XdrSettings s) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("connector", Boolean.toString(s.connector()));
    if (s.authMode() != null) out.put("auth-mode", s.authMode());
    if (s.authUser() != null) out.put("auth-user", s.authUser());
    if (s.authPasswordFile() != null) out.put("auth-password-file", s.authPasswordFile());
    return out;
  }

  /** What one node still needs, given what it has. */
  public static List<String> setup(XdrSettings s, XdrDcConfig current) {
    String p = prefix(s.dcName());
    List<String> out = new ArrayList<>();
    if (!current.exists()) out.add(p + ";action=create");
    for (Map.Entry<String, String> e : dcOptions(s).entrySet()) {
      String have = current.options().get(e.getKey());
      if (!e.getValue().equals(have)) out.add(p + ";" + e.getKey() + "=" + e.getValue());
    }
    for (String a : s.destinations()) {
      if (!current.addresses().contains(a)) out.add(p + ";node-address-port=" + a + ";action=add");
    }
    return out;
  }

  /** The namespace additions (with rewind) a node still needs; sent after the destination is reachable. */
  public static List<String> namespaces(XdrSettings s, XdrDcConfig current) {
    String p = prefix(s.dcName());
    List<String> out = new ArrayList<>();
    for (String ns : s.namespaces()) {
      if (!current.namespaces().contains(ns)) {
        out.add(p + ";namespace=" + ns + ";action=add" + (s.rewind() == null ? "" : ";rewind=" + s.rewind()));
      }
    }
    return out;
  }

  /** Everything of the DC on a node, removed: namespaces, addresses, then the DC itself. */
  public static List<String> teardown(String dcName, XdrDcConfig current) {
    if (!current.exists()) return List.of();
    String p = prefix(dcName);
    List<String> out = new ArrayList<>();
    for (String ns : current.namespaces()) out.add(p + ";namespace=" + ns + ";action=remove");
    for (String a : current.addresses()) out.add(p + ";node-address-port=" + a + ";action=remove");
    out.add(p + ";action=delete");
    return out;
  }
}
