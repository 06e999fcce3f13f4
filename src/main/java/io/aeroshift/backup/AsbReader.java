package io.aeroshift.backup;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming reader of the asbackup text format (3.0 and 3.1; 3.2 with {@code * e} lines only when
 * asked), accepting what asrestore accepts and rejecting what it rejects. Memory is bounded by one
 * record whatever the file size.
 *
 * <p>Every problem is an {@link AsbFormatException} naming the file, the line, the byte offset and
 * the reason. Entries before the problem have been returned by {@link #next()}; the reader never
 * resynchronises past it, so nothing after it is guessed.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class AsbReader implements Closeable {

  private static final int MAX_META_LINE = 1000;
  private static final byte[] VERSION_PREFIX = "Version ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
  private static final byte[] GZIP_MAGIC = {0x1F, (byte) 0x8B};
  private static final String ALLOWED_BIN_LETTERS = "NIDSXGBJCPRHEYMLUZ";

  private final InputStream in;
  private final TextInput input;
  private final String file;
  private final AsbReaderOptions options;
  private final byte[] token = new byte[AsbText.MAX_TOKEN_BYTES];
  /** One decoder per reader, reset per value: a fresh one per string was a tenth of the decoding. */
  private final java.nio.charset.CharsetDecoder strictDecoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  // Every record repeats its namespace and (nearly always) its set, and records repeat their bin
  // names: the last text of each is kept and returned again while the bytes are the same.
  private final Recent recentNamespace = new Recent();
  private final Recent recentSet = new Recent();
  private final Recent recentBinName = new Recent();
  private String lastBinName;
  private String lastBinWhat;
  private AsbHeader header;
  private boolean legacy;
  private boolean failed;

  /**
   * @param in the decoded text (already decompressed and decrypted); closed by {@link #close()}
   * @param file the file's name, used in every error
   */
  public AsbReader(InputStream in, String file, AsbReaderOptions options) {
    this.in = in;
    this.input = new TextInput(in, 1 << 16);
    this.file = file;
    this.options = options;
  }

  public String file() {
    return file;
  }

  /** Reads (once) and returns the version and meta lines. */
  public AsbHeader header() throws AsbFormatException {
    if (header == null) {
      guard();
      try {
        header = readHeader();
      } catch (AsbFormatException e) {
        failed = true;
        throw e;
      } catch (IOException e) {
        failed = true;
        throw streamError(e);
      }
    }
    return header;
  }

  /**
   * The next record, index or UDF, or null at the end of the file.
   *
   * @throws AsbFormatException on the first problem; the reader is unusable afterwards
   */
  public AsbEntry next() throws AsbFormatException {
    header();
    guard();
    try {
      return readEntry();
    } catch (AsbFormatException e) {
      failed = true;
      throw e;
    } catch (IOException e) {
      failed = true;
      throw streamError(e);
    }
  }

  /** Offset just after the last complete entry: where a resume would start. */
  public long offset() {
    return input.offset();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void guard() throws AsbFormatException {
    if (failed) {
      throw new AsbFormatException(file, input.line(), input.offset(),
          "reader already failed; nothing after an error is read");
    }
  }

  // ---- errors ----

  private AsbFormatException fail(String reason) {
    return new AsbFormatException(file, input.line(), input.offset(), reason);
  }

  private AsbFormatException truncated(String what) {
    return fail("truncated file: data ends inside " + what);
  }

  private AsbFormatException streamError(IOException e) {
    return new AsbFormatException(file, input.line(), input.offset(),
        "cannot read the data stream (corrupt or truncated compressed/encrypted data, or wrong"
            + " --compress/--encrypt/key): " + e.getMessage(), e);
  }

  private static String show(int ch) {
    if (ch == TextInput.EOF) {
      return "end of file";
    }
    if (ch == '\n') {
      return "LF";
    }
    if (ch == ' ') {
      return "SP";
    }
    if (ch >= 0x21 && ch < 0x7f) {
      return "'" + (char) ch + "'";
    }
    return String.format("byte 0x%02x", ch);
  }

  private void expect(int want, String what) throws IOException {
    int ch = input.peek();
    if (ch != want) {
      if (ch == TextInput.EOF) {
        throw truncated(what);
      }
      throw fail("expected " + show(want) + " in " + what + ", found " + show(ch));
    }
    input.read();
  }

  // ---- header ----

  private AsbHeader readHeader() throws IOException {
    byte[] first = new byte[12];
    int n = 0;
    while (n < 12) {
      int ch = input.read();
      if (ch == TextInput.EOF) {
        break;
      }
      first[n++] = (byte) ch;
    }
    if (n == 0) {
      throw new AsbFormatException(file, 1, 0, "empty file: no version line");
    }
    byte[] got = Arrays.copyOf(first, n);
    if (n < 12 || !startsWith(got, VERSION_PREFIX) || got[11] != '\n') {
      throw new AsbFormatException(file, 1, 0, "invalid version line" + sniff(got));
    }
    String version = new String(got, 8, 3, StandardCharsets.US_ASCII);
    switch (version) {
      case "3.0":
        legacy = true;
        break;
      case "3.1":
        break;
      case "3.2":
        if (!options.acceptBackupGo()) {
          throw new AsbFormatException(file, 1, 0,
              "format version 3.2 is backup-go's (expression indexes); asrestore refuses it."
                  + " Read it only with backup-go files accepted");
        }
        break;
      default:
        throw new AsbFormatException(file, 1, 0,
            "unsupported format version '" + version + "' (3.0 and 3.1 are supported)");
    }
    String namespace = null;
    boolean firstFile = false;
    while (input.peek() == '#') {
      long line = input.line();
      long offset = input.offset();
      byte[] meta = readMetaLine();
      String text = new String(meta, StandardCharsets.UTF_8);
      if (text.equals("# first-file")) {
        firstFile = true;
      } else if (text.startsWith("# namespace ")) {
        byte[] value = Arrays.copyOfRange(meta, "# namespace ".length(), meta.length);
        namespace = legacy ? utf8(value) : utf8(unescape(value, line, offset));
      } else {
        throw new AsbFormatException(file, line, offset, "unknown meta line '" + text + "'");
      }
    }
    return new AsbHeader(version, namespace, firstFile);
  }

  private byte[] readMetaLine() throws IOException {
    byte[] line = new byte[MAX_META_LINE];
    int n = 0;
    while (true) {
      int ch = input.read();
      if (ch == TextInput.EOF) {
        throw truncated("a meta line");
      }
      if (ch == '\n') {
        return Arrays.copyOf(line, n);
      }
      if (n == MAX_META_LINE) {
        throw fail("meta line longer than " + MAX_META_LINE + " bytes");
      }
      line[n++] = (byte) ch;
    }
  }

  private byte[] unescape(byte[] raw, long line, long offset) throws AsbFormatException {
    byte[] out = new byte[raw.length];
    int n = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\') {
        if (++i == raw.length) {
          throw new AsbFormatException(file, line, offset, "escape character at end of meta line");
        }
      }
      out[n++] = raw[i];
    }
    return Arrays.copyOf(out, n);
  }

  private static String sniff(byte[] got) {
    if (startsWith(got, ZSTD_MAGIC)) {
      return ": the data is zstd-compressed; read it with compression zstd (--compress zstd)";
    }
    if (startsWith(got, GZIP_MAGIC)) {
      return ": the data is gzip-compressed; read it with compression gzip (--compress gzip)";
    }
    if (!isText(got)) {
      return ": the data is binary; it is encrypted or compressed and needs the matching"
          + " --encrypt/--key-file/--compress (or the key is wrong)";
    }
    return ": expected 'Version 3.1', found '" + new String(got, StandardCharsets.US_ASCII)
        .replace("\n", "\\n") + "'";
  }

  /** True when every byte is printable ASCII or a newline, as a backup's text lines are. */
  static boolean isText(byte[] bytes) {
    for (byte b : bytes) {
      if ((b < 0x20 || b >= 0x7f) && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  // ---- entries ----

  private AsbEntry readEntry() throws IOException {
    long line = input.line();
    long offset = input.offset();
    int ch = input.peek();
    if (ch == TextInput.EOF) {
      return null;
    }
    if (ch == '*' && !legacy) {
      input.read();
      return readGlobal(line, offset);
    }
    if (ch == '+') {
      input.read();
      RecordImage record = readRecord();
      return new AsbEntry.Record(record, position(line, offset));
    }
    if (ch == '*') {
      throw fail("global ('*') line in a version 3.0 file, which has no global section");
    }
    if (ch == '#') {
      throw fail("meta ('#') line after the header; meta lines only follow the version line");
    }
    throw fail("invalid start of block: " + show(ch) + " (expected '+' or '*')");
  }

  private AsbPosition position(long line, long offset) {
    return new AsbPosition(line, offset, input.offset(), input.line());
  }

  private AsbEntry readGlobal(long line, long offset) throws IOException {
    expect(' ', "a global line");
    int type = input.read();
    switch (type) {
      case 'i':
        return new AsbEntry.Index(readIndex(false), position(line, offset));
      case 'e':
        if (!options.acceptBackupGo()) {
          throw fail("expression index ('* e') lines are backup-go's format 3.2; asrestore refuses"
              + " them. Read them only with backup-go files accepted");
        }
        return new AsbEntry.Index(readIndex(true), position(line, offset));
      case 'u':
        return new AsbEntry.Udf(readUdf(), position(line, offset));
      case TextInput.EOF:
        throw truncated("a global line");
      default:
        throw fail("unknown global line type " + show(type) + " (expected 'i' or 'u')");
    }
  }

  private AsbSecondaryIndex readIndex(boolean expression) throws IOException {
    String what = "a secondary index line";
    expect(' ', what);
    String ns = utf8(readToken(" ", true, what));
    expect(' ', what);
    String set = utf8(readToken(" ", true, what));
    expect(' ', what);
    String name = utf8(readToken(" ", true, what));
    expect(' ', what);
    int it = input.read();
    AsbSecondaryIndex.Collection collection = AsbSecondaryIndex.Collection.ofLetter(it);
    if (collection == null) {
      throw it == TextInput.EOF ? truncated(what)
          : fail("invalid index type " + show(it) + " (expected N, L, K or V)");
    }
    expect(' ', what);
    long paths = readSize(" ", what);
    if (paths != 1) {
      throw fail("index " + name + " has " + paths + " paths; exactly 1 is supported");
    }
    expect(' ', what);
    String bin = utf8(readToken(" ", true, what));
    expect(' ', what);
    int dt = input.read();
    AsbSecondaryIndex.DataType dataType = AsbSecondaryIndex.DataType.ofLetter(dt);
    if (dataType == null) {
      throw dt == TextInput.EOF ? truncated(what)
          : fail("invalid index data type " + show(dt) + " (expected S, N, G or B)");
    }
    String context = null;
    String expr = null;
    int ch = input.peek();
    if (ch == TextInput.EOF) {
      throw truncated(what);
    }
    if (ch != '\n') {
      expect(' ', what);
      String last = utf8(readToken("\n", !expression, what));
      if (expression) {
        expr = last;
      } else {
        context = last;
      }
    }
    expect('\n', what);
    if (expression && expr == null) {
      throw fail("expression index " + name + " has no expression");
    }
    return new AsbSecondaryIndex(ns, set, name, collection, bin, dataType, context, expr);
  }

  private AsbUdf readUdf() throws IOException {
    String what = "a UDF line";
    expect(' ', what);
    int type = input.read();
    if (type != 'L') {
      throw type == TextInput.EOF ? truncated(what)
          : fail("invalid UDF type " + show(type) + " (only L, Lua, exists)");
    }
    expect(' ', what);
    String name = utf8(readToken(" ", true, what));
    expect(' ', what);
    long size = readSize(" ", what);
    expect(' ', what);
    byte[] content = readValue(size, "UDF " + name);
    expect('\n', what);
    return new AsbUdf(name, content);
  }

  // ---- records ----

  private static final char[] EXPECTED = {'k', 'n', 'd', 's', 'g', 't', 'b'};
  /** "the '+ k' line" etc., built once: the record loop runs per line of every record. */
  private static final String[] LINE_NAMES = new String[EXPECTED.length];

  static {
    for (int i = 0; i < EXPECTED.length; i++) {
      LINE_NAMES[i] = "the '+ " + EXPECTED[i] + "' line";
    }
  }

  private RecordImage readRecord() throws IOException {
    String what = "a record header";
    Value key = null;
    String ns = null;
    byte[] digest = null;
    String set = null;
    int generation = 0;
    long voidTime = 0;
    Map<String, Object> bins = null;
    for (int i = 0; i < 7; i++) {
      expect(' ', what);
      int ch = input.read();
      if (ch == TextInput.EOF) {
        throw truncated(what);
      }
      if (i == 0 && ch == 'n') {
        i = 1;
      } else if (i == 3 && ch == 'g') {
        i = 4;
      } else if (ch != EXPECTED[i]) {
        String expected = i == 0 ? "'+ k' or '+ n'" : i == 3 ? "'+ s' or '+ g'"
            : "'+ " + EXPECTED[i] + "'";
        throw fail("unexpected record line '+ " + (char) ch + "', expected " + expected
            + " (record lines come in the order k n d s g t b; k and s are optional)");
      }
      expect(' ', LINE_NAMES[i]);
      switch (i) {
        case 0:
          key = readKey();
          break;
        case 1:
          ns = recentNamespace.text(readToken("\n", !legacy, "the namespace line"));
          break;
        case 2:
          digest = readDigest();
          break;
        case 3:
          set = recentSet.text(readToken("\n", !legacy, "the set line"));
          break;
        case 4:
          generation = (int) readBounded(0, 65535, "generation");
          break;
        case 5:
          voidTime = readBounded(0, 0xFFFFFFFFL, "expiration (void time)");
          break;
        default:
          int count = (int) readBounded(0, 65535, "bin count");
          expect('\n', "the bin count line");
          bins = readBins(count);
          break;
      }
      if (i < 6) {
        expect('\n', LINE_NAMES[i]);
        expect('+', what);
      }
    }
    if (set != null && set.isEmpty()) {
      set = null;
    }
    if (key != null && options.verifyDigest()) {
      byte[] expected = new Key(ns, set, key).digest;
      if (!Arrays.equals(expected, digest)) {
        throw fail("the digest " + Base64.getEncoder().encodeToString(digest)
            + " does not match set '" + (set == null ? "" : set) + "' and user key " + key
            + " (expected " + Base64.getEncoder().encodeToString(expected) + ")");
      }
    }
    return new RecordImage(ns, set, digest, key, generation, (int) voidTime, bins);
  }

  private Value readKey() throws IOException {
    String what = "the key line";
    int type = input.read();
    Value key;
    switch (type) {
      case 'I':
        expect(' ', what);
        key = Value.get(readLong("\n", what));
        break;
      case 'D':
        expect(' ', what);
        key = Value.get(readDouble("\n", what));
        break;
      case 'S': {
        expect(' ', what);
        byte[] raw = readSized(what);
        key = Value.get(strictUtf8(raw, "string key"));
        break;
      }
      case 'X': {
        expect(' ', what);
        key = Value.get(strictUtf8(readBase64(what), "string key"));
        break;
      }
      case 'B': {
        boolean compact = input.peek() == '!';
        if (compact) {
          input.read();
        }
        expect(' ', what);
        key = Value.get(compact ? readSized(what) : readBase64(what));
        break;
      }
      case TextInput.EOF:
        throw truncated(what);
      default:
        throw fail("invalid key type " + show(type) + " (expected I, D, S, X or B)");
    }
    return key;
  }

  private byte[] readDigest() throws IOException {
    byte[] tok = readToken("\n", false, "the digest line");
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(tok);
    } catch (IllegalArgumentException e) {
      throw fail("digest is not base64: " + e.getMessage());
    }
    if (digest.length != 20 || tok.length != 28) {
      throw fail("digest must be 28 base64 characters for 20 bytes, found " + tok.length
          + " characters for " + digest.length + " bytes");
    }
    return digest;
  }

  private Map<String, Object> readBins(int count) throws IOException {
    Map<String, Object> bins = new LinkedHashMap<>(Math.max(4, count * 2));
    for (int i = 0; i < count; i++) {
      int ch = input.peek();
      if (ch == TextInput.EOF) {
        throw truncated("a record: " + i + " of " + count + " bin lines read");
      }
      if (ch != '-') {
        throw fail("expected bin line " + (i + 1) + " of " + count + " ('- '), found " + show(ch)
            + " (the '+ b' count does not match the bin lines)");
      }
      input.read();
      readBin(bins);
    }
    return bins;
  }

  private void readBin(Map<String, Object> bins) throws IOException {
    String what = "a bin line";
    expect(' ', what);
    int letter = input.read();
    if (letter == TextInput.EOF) {
      throw truncated(what);
    }
    if (ALLOWED_BIN_LETTERS.indexOf(letter) < 0) {
      throw fail("unknown bin type letter " + show(letter) + " (asrestore knows "
          + ALLOWED_BIN_LETTERS + ")");
    }
    AsbBinType type = AsbBinType.ofLetter(letter);
    if (type == AsbBinType.LDT) {
      throw fail("bin type 'U' (large data type) was removed from Aerospike and cannot be"
          + " restored");
    }
    boolean compact = input.peek() == '!';
    if (compact) {
      input.read();
    }
    expect(' ', what);
    String name = recentBinName.text(readToken(" \n", !legacy, "a bin name"));
    if (bins.containsKey(name)) {
      throw fail("bin '" + name + "' appears twice in one record");
    }
    String binWhat = binWhat(name);
    Object value;
    if (type == AsbBinType.NIL) {
      expect('\n', binWhat);
      bins.put(name, null);
      return;
    }
    expect(' ', binWhat);
    switch (type) {
      case BOOL: {
        byte[] tok = readToken("\n", !legacy, binWhat);
        if (tok.length == 1 && tok[0] == 'T') {
          value = Boolean.TRUE;
        } else if (tok.length == 1 && tok[0] == 'F') {
          value = Boolean.FALSE;
        } else {
          throw fail("invalid boolean '" + utf8(tok) + "' in " + binWhat + " (T or F)");
        }
        break;
      }
      case INTEGER:
        value = readLong("\n", binWhat);
        break;
      case DOUBLE:
        value = readDouble("\n", binWhat);
        break;
      case STRING: {
        byte[] raw = readSized(binWhat);
        value = stringValue(raw);
        break;
      }
      case STRING_BASE64:
        value = stringValue(readBase64(binWhat));
        break;
      case GEOJSON: {
        byte[] raw = readSized(binWhat);
        value = new Value.GeoJSONValue(strictUtf8(raw, binWhat));
        break;
      }
      default: {
        byte[] bytes = compact ? readSized(binWhat)
            : readBase64(binWhat);
        value = bytesValue(type, bytes, binWhat);
        break;
      }
    }
    expect('\n', binWhat);
    bins.put(name, value);
  }

  /** "bin 'name'" for messages, built once per run of records with the same bin name. */
  private String binWhat(String name) {
    if (!name.equals(lastBinName)) {
      lastBinWhat = "bin '" + name + "'";
      lastBinName = name;
    }
    return lastBinWhat;
  }

  /** Strings that are not valid UTF-8 stay exact bytes with the STRING particle type. */
  private Object stringValue(byte[] raw) {
    String s = decodeStrict(raw);
    return s != null ? s : new Value.BytesValue(raw, AsbBinType.STRING.particleType());
  }

  /** The text of valid UTF-8, or null for bytes that are not. */
  private String decodeStrict(byte[] raw) {
    if (isAscii(raw)) {
      return new String(raw, StandardCharsets.ISO_8859_1); // ASCII: every byte is its character
    }
    try {
      return strictDecoder.reset().decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isAscii(byte[] b) {
    int seen = 0;
    for (byte x : b) {
      seen |= x; // no early exit: the loop stays simple enough to vectorise
    }
    return seen >= 0;
  }

  /** The last token's text, decoded again only when the bytes change. */
  private static final class Recent {
    private byte[] bytes;
    private String text;

    String text(byte[] token) {
      if (!Arrays.equals(token, bytes)) {
        text = utf8(token);
        bytes = token;
      }
      return text;
    }
  }

  private Object bytesValue(AsbBinType type, byte[] bytes, String what) throws AsbFormatException {
    switch (type) {
      case BLOB:
        return bytes;
      case HLL:
        return new Value.HLLValue(bytes);
      case LIST:
        if (!options.decodeCdt()) {
          return new Value.BytesValue(bytes, type.particleType());
        }
        try {
          return CdtCodec.unpackList(bytes);
        } catch (IllegalArgumentException e) {
          throw fail(what + ": " + e.getMessage());
        }
      case MAP:
        if (!options.decodeCdt()) {
          return new Value.BytesValue(bytes, type.particleType());
        }
        try {
          return CdtCodec.unpackMap(bytes);
        } catch (IllegalArgumentException e) {
          throw fail(what + ": " + e.getMessage());
        }
      default:
        // Language blobs keep their particle type; the client writes it back unchanged.
        return new Value.BytesValue(bytes, type.particleType());
    }
  }

  // ---- tokens ----

  /**
   * Reads up to (not including) the first unescaped delimiter, unescaping when asked; at most
   * {@link AsbText#MAX_TOKEN_BYTES} bytes, as asrestore.
   */
  private byte[] readToken(String delims, boolean unescape, String what) throws IOException {
    byte[] buffered = input.bufferedToken(delims.charAt(0), delims.charAt(delims.length() - 1),
        unescape, token.length);
    if (buffered != null) {
      return buffered;
    }
    int n = 0;
    boolean escaped = false;
    while (true) {
      int ch = input.peek();
      if (ch == TextInput.EOF) {
        throw truncated(what);
      }
      if (unescape && ch == '\\' && !escaped) {
        escaped = true;
        input.read();
        continue;
      }
      if (!escaped && delims.indexOf(ch) >= 0) {
        return Arrays.copyOf(token, n);
      }
      input.read();
      escaped = false;
      if (n == token.length) {
        throw fail("token longer than " + token.length + " bytes in " + what);
      }
      token[n++] = (byte) ch;
    }
  }

  private long readSize(String delims, String what) throws IOException {
    byte[] tok = readToken(delims, !legacy, what);
    if (tok.length == 0) {
      throw fail("missing length in " + what);
    }
    long v = 0;
    for (byte b : tok) {
      if (b < '0' || b > '9') {
        throw fail("invalid length '" + utf8(tok) + "' in " + what + " (expected digits)");
      }
      v = v * 10 + (b - '0');
      if (v > 1L << 50) {
        throw fail("length '" + utf8(tok) + "' too large in " + what);
      }
    }
    return v;
  }

  private long readLong(String delims, String what) throws IOException {
    byte[] raw = readToken(delims, !legacy, what);
    if (raw.length > 0 && raw.length <= 18) { // plain digits that cannot overflow: most numbers
      long v = 0;
      int k = 0;
      for (; k < raw.length && raw[k] >= '0' && raw[k] <= '9'; k++) {
        v = v * 10 + (raw[k] - '0');
      }
      if (k == raw.length) {
        return v;
      }
    }
    String tok = utf8(raw);
    try {
      return AsbText.parseLong(tok);
    } catch (NumberFormatException e) {
      throw fail(e.getMessage() + " in " + what);
    }
  }

  private static final Map<String, String> BOUNDED_LINES = Map.of(
      "generation", "the generation line",
      "expiration (void time)", "the expiration (void time) line",
      "bin count", "the bin count line");

  private long readBounded(long min, long max, String what) throws IOException {
    String line = BOUNDED_LINES.get(what); // per record: no string built unless a line is new
    long v = readLong("\n", line != null ? line : "the " + what + " line");
    if (v < min || v > max) {
      throw fail(what + " " + v + " outside " + min + ".." + max);
    }
    return v;
  }

  private double readDouble(String delims, String what) throws IOException {
    String tok = utf8(readToken(delims, !legacy, what));
    try {
      return AsbText.parseDouble(tok);
    } catch (NumberFormatException e) {
      throw fail(e.getMessage() + " in " + what);
    }
  }

  /** {@code <len> SP <len raw bytes>}. */
  private byte[] readSized(String what) throws IOException {
    long size = readSize(" ", what);
    expect(' ', what);
    return readValue(size, what);
  }

  private byte[] readValue(long size, String what) throws IOException {
    if (size > options.maxValueBytes()) {
      throw fail("length " + size + " of " + what + " exceeds the limit of "
          + options.maxValueBytes() + " bytes (corrupt length?)");
    }
    byte[] b = input.readBlock(size);
    if (b == null) {
      throw truncated(what + " (" + size + " bytes announced)");
    }
    return b;
  }

  private byte[] readBase64(String what) throws IOException {
    long size = readSize(" ", what);
    if ((size & 3) != 0) {
      throw fail("base64 length " + size + " of " + what + " is not a multiple of 4");
    }
    expect(' ', what);
    byte[] enc = readValue(size, what);
    try {
      return Base64.getDecoder().decode(enc);
    } catch (IllegalArgumentException e) {
      throw fail("invalid base64 in " + what + ": " + e.getMessage());
    }
  }

  private String strictUtf8(byte[] raw, String what) throws AsbFormatException {
    String s = decodeStrict(raw);
    if (s == null) {
      throw fail(what + " is not valid UTF-8 and cannot be represented exactly");
    }
    return s;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
