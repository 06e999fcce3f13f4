package io.aeroshift.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/plan-schema.json and the loader agree, field for field. */
class PlanSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  static JsonNode schemaNode() throws Exception {
    return JSON.readTree(Files.readString(Path.of("docs/plan-schema.json")));
  }

  static Schema schema() throws Exception {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode());
  }

  static Stream<Path> examples() throws Exception {
    return Files.list(Path.of("migration-plans")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExamplePlanValidatesAgainstTheSchema(Path plan) throws Exception {
    JsonNode node = YAML.readTree(Files.readString(plan));
    assertThat(schema().validate(node)).as(plan.toString()).isEmpty();
  }

  @Test
  void everyRecordFieldIsInTheSchemaAndNothingElse() throws Exception {
    List<String> problems = new ArrayList<>();
    compare(MigrationPlan.class, schemaNode(), "$", problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void enumsAgree() throws Exception {
    JsonNode props = schemaNode().get("properties");
    assertThat(texts(props.at("/copy/properties/mode/enum")))
        .containsExactlyElementsOf(Arrays.stream(CopyMode.values()).map(Enum::name).toList());
    assertThat(texts(props.at("/cutover/properties/method/enum")))
        .containsExactlyElementsOf(Arrays.stream(CutoverMethod.values()).map(CutoverMethod::yamlName).toList());
  }

  @Test
  void schemaAndLoaderBothRejectTheSameBrokenPlans() throws Exception {
    String valid = PlanLoaderTest.VALID;
    List<String> broken = List.of(
        valid.replace("8.1.1.0", "6.4.0.0"),
        valid.replace("mode: XDR", "mode: RSYNC"),
        valid.replace("method: manual", "method: configmap"),
        valid.replace("owners: [ann]", "owners: []"),
        valid.replace("clusterName: orders-ee", "clusterName: Orders"),
        valid + "extra: 1\n");
    PlanLoader loader = new PlanLoader(SuiteCatalog.of("quick"));
    assertThat(schema().validate(YAML.readTree(valid))).isEmpty();
    for (String b : broken) {
      assertThat(schema().validate(YAML.readTree(b))).as(b).isNotEmpty();
      assertThat(catchThrowableOfType(InvalidPlanException.class, () -> loader.load("orders-move.yaml", b)))
          .as(b).isNotNull();
    }
  }

  private static void compare(Class<?> type, JsonNode schema, String path, List<String> problems) {
    JsonNode props = schema.get("properties");
    if (props == null) {
      problems.add(path + ": schema has no properties for " + type.getSimpleName());
      return;
    }
    if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").booleanValue()) {
      problems.add(path + ": schema must set additionalProperties false, as the loader refuses unknown fields");
    }
    Set<String> names = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      names.add(c.getName());
      JsonNode p = props.get(c.getName());
      if (p == null) {
        problems.add(path + "." + c.getName() + ": record field missing from docs/plan-schema.json");
        continue;
      }
      Class<?> ct = c.getType();
      if (ct.isRecord()) {
        compare(ct, p, path + "." + c.getName(), problems);
      } else if (List.class.isAssignableFrom(ct)) {
        Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        expectType(p, "array", path + "." + c.getName(), problems);
        if (arg != String.class) {
          problems.add(path + "." + c.getName() + ": list of " + arg + " not handled by this test");
        }
      } else if (ct == String.class || ct.isEnum()) {
        expectType(p, "string", path + "." + c.getName(), problems);
      } else if (ct == boolean.class) {
        expectType(p, "boolean", path + "." + c.getName(), problems);
      } else if (ct == int.class || ct == long.class) {
        expectType(p, "integer", path + "." + c.getName(), problems);
      } else {
        problems.add(path + "." + c.getName() + ": type " + ct + " not handled by this test");
      }
    }
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!names.contains(f)) {
        problems.add(path + "." + f + ": in the schema but not a field of " + type.getSimpleName());
      }
    }
  }

  private static void expectType(JsonNode p, String type, String path, List<String> problems) {
    if (!type.equals(p.path("type").asText())) {
      problems.add(path + ": schema type " + p.path("type") + ", record needs " + type);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
